"""Benchmark: screening through the HTTP API at a fixed rate.

    .venv/bin/python bench/screening_http.py [--persons 100000] [--keep DIR]
        [--rate 100] [--seconds 30] [--runs 1] [--port 8765] [--workers 1]

Prepares the same synthetic region as ``bench/screening_speed.py`` (reuse its database
with the same ``--keep``), starts the real server — ``python -m tabadul serve``, uvicorn,
in its own process, which loads the screening index (from its snapshot when there is
one) before it listens — logs in as a border officer and sends single screening
queries (``POST /api/v1/screen``) at a fixed rate, open loop: request *i* leaves at
``i / rate`` seconds whether or not earlier ones have been answered, so a slow answer
shows in the latency of those behind it rather than lowering the rate. Prints the
latency p50/p99 (from sending to the full answer), errors, the rate achieved and the
server's start-up time, with the machine.

Target (issue 4, at 1,000,000 persons): p99 <= 50 ms at 100 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import httpx2 as httpx

from _machine import describe
from screening_speed import percentile, queries_from
from tabadul.domain.enums import Purpose, Role
from tabadul.policy import Viewer
from tabadul.service import Conflict, Tabadul
from tabadul.service.synthetic import load_region
from tabadul.settings import Settings
from tabadul.synth import generate_region

LOGIN = "bench.http"
PASSWORD = "bench-http-password"


def prepare(settings: Settings, persons: int) -> Tabadul:
    app = Tabadul(settings)
    app.migrate()
    if not app.directory.agencies():
        started = time.perf_counter()
        load_region(app, Viewer.installation_operator(), generate_region(persons=persons, seed=1))
        print(f"loaded {persons} synthetic persons in {time.perf_counter() - started:.0f}s")
    with suppress(Conflict):
        app.directory.add_user(
            viewer=Viewer.installation_operator(),
            login=LOGIN,
            agency="MA-NCB",
            role=Role.OFFICER,
            password=PASSWORD,
        )
    return app


async def fire(base: str, token: str, bodies: list[dict[str, str]], rate: float) -> list[float]:
    latencies: list[float] = []
    errors = 0
    first_error = ""
    # Idle connections are dropped before the server's keep-alive (5 s) would close them
    # under a request on its way (a read error that says nothing of the server's pace).
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200, keepalive_expiry=2)
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=30
    ) as client:

        async def one(body: dict[str, str]) -> None:
            nonlocal errors, first_error
            sent = time.perf_counter()
            try:
                response = await client.post("/api/v1/screen", json=body)
            except httpx.TransportError as exc:  # a saturated server: counted, not fatal
                errors += 1
                first_error = first_error or f"{type(exc).__name__} ({exc or 'no message'})"
                return
            if response.status_code != 200:
                errors += 1
                first_error = first_error or f"{response.status_code} {response.text[:300]}"
                return
            latencies.append((time.perf_counter() - sent) * 1000)

        tasks = []
        start = time.perf_counter()
        for i, body in enumerate(bodies):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(body)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    print(f"sent {len(bodies)} requests in {elapsed:.1f} s ({len(bodies) / elapsed:.0f}/s)")
    if errors:
        print(f"errors: {errors}, the first: {first_error}")
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--runs", type=int, default=1, help="windows of --seconds each, on the same server"
    )
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="tabadul-screen-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(describe())
    url = f"sqlite:///{workdir}/region-{args.persons}.db"
    settings = Settings(database_url=url, data_dir=workdir)
    app = prepare(settings, args.persons)
    count = int(args.rate * args.seconds)
    bodies = [
        {
            "purpose": Purpose.BORDER_CONTROL.value,
            **q.model_dump(by_alias=True, exclude_none=True, exclude={"id"}),
        }
        for q in queries_from(app, count)
    ]
    app.dispose()
    env = {**os.environ, "TABADUL_DATABASE_URL": url, "TABADUL_DATA_DIR": str(workdir)}
    command = [sys.executable, "-m", "tabadul", "serve", "--port", str(args.port)]
    command += ["--workers", str(args.workers)]
    started = time.perf_counter()
    log = (workdir / "screening_http-server.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{args.port}"
    try:
        while True:
            if server.poll() is not None:
                print((workdir / "screening_http-server.log").read_text(errors="replace")[-3000:])
                return 1
            with suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.2)
        print(f"server ready in {time.perf_counter() - started:.1f} s (index loaded)")
        token = httpx.post(
            f"{base}/api/v1/auth/login", json={"login": LOGIN, "password": PASSWORD}
        ).json()["access_token"]
        warm = bodies[: min(50, len(bodies))]
        asyncio.run(fire(base, token, warm, args.rate))  # warm caches, open connections
        for _ in range(args.runs):
            latencies = sorted(asyncio.run(fire(base, token, bodies, args.rate)))
            if latencies:
                print(
                    f"HTTP single query at {args.rate:.0f}/s, {args.workers} server "
                    f"process(es): p50 {statistics.median(latencies):.1f} ms, "
                    f"p99 {percentile(latencies, 0.99):.1f} ms, max {latencies[-1]:.1f} ms "
                    f"({len(latencies)} answered)"
                )
    finally:
        server.terminate()
        with suppress(subprocess.TimeoutExpired):
            server.wait(timeout=60)
    # the server's own account of its full garbage collections (tabadul.api._collector)
    for line in (workdir / "screening_http-server.log").read_text(errors="replace").splitlines():
        if "garbage collector:" in line and "full collections," in line:
            print("server " + line.split("INFO:", 1)[-1].strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
