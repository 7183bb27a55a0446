"""Accuracy benchmark: tabadul and its peers on the same real data, in the same run.

    .venv/bin/python bench/accuracy/run.py [--systems tabadul,nomenklatura,rapidfuzz]
        [--datasets arabic_latin_full_names,word_pairs,ofac_aliases] [--queries 1000]
        [--negatives N] [--pairs N] [--index-limit N] [--seed 1] [--data DIR]

Builds the evaluation sets of ``datasets.py`` from ../shared/data (skips, saying so,
when that folder is absent), writes each as the adapters' JSON-lines input, runs every
system's adapter as a subprocess in its own environment (tabadul in .venv, the peers in
.bench-venv, made by bench/peers/setup), and scores their answers: recall@1, recall@10,
recall@1 at the system's own threshold (the top result is right and a hit), the
false-positive rate at that threshold on names that are not in the index, and query
latency. Prints one table per set, systems side by side, with the machine; writes the
figures to bench/results/accuracy-<date>.json and the adapters' inputs and answers to
bench/results/accuracy-work/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import datasets
from datasets import Dataset, Query

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from _machine import describe  # noqa: E402

NOT_AVAILABLE = 3
TARGET_RECALL = 0.90
TARGET_FP = 0.01


@dataclass(frozen=True, slots=True)
class System:
    name: str
    python: Path
    adapter: Path
    setup: str


SYSTEMS = {
    "tabadul": System(
        "tabadul",
        ROOT / ".venv/bin/python",
        ROOT / "bench/accuracy/tabadul_adapter.py",
        "scripts/test (makes .venv)",
    ),
    "nomenklatura": System(
        "nomenklatura",
        ROOT / ".bench-venv/bin/python",
        ROOT / "bench/peers/nomenklatura_adapter.py",
        "bench/peers/setup",
    ),
    "rapidfuzz": System(
        "rapidfuzz",
        ROOT / ".bench-venv/bin/python",
        ROOT / "bench/peers/rapidfuzz_adapter.py",
        "bench/peers/setup",
    ),
}


# --------------------------------------------------------------------------- running


@dataclass
class Answer:
    """What one system said about one set."""

    status: str  # ok, missing, failed, timeout
    message: str = ""
    meta: dict[str, Any] | None = None
    results: dict[str, dict[str, Any]] | None = None
    pairs: dict[str, dict[str, Any]] | None = None
    wall_seconds: float = 0.0


def write_jsonl(path: Path, lines: Iterable[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def run_system(system: System, source: Path, target: Path, timeout: float) -> Answer:
    if not system.python.exists():
        return Answer("missing", f"no {system.python.relative_to(ROOT)}: run {system.setup}")
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(system.python), str(system.adapter), str(source), str(target)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Answer("timeout", f"no answer within {timeout:.0f}s")
    wall = time.perf_counter() - started
    stderr = done.stderr.strip().splitlines()
    if done.returncode == NOT_AVAILABLE:
        return Answer("missing", stderr[-1] if stderr else "not available", wall_seconds=wall)
    if done.returncode != 0:
        tail = " | ".join(stderr[-3:])
        return Answer("failed", f"exit {done.returncode}: {tail}", wall_seconds=wall)
    answer = Answer("ok", results={}, pairs={}, wall_seconds=wall)
    assert answer.results is not None and answer.pairs is not None
    with target.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            if "system" in item:
                answer.meta = item["system"]
            elif "query_id" in item:
                answer.results[str(item["query_id"])] = item
            elif "pair_id" in item:
                answer.pairs[str(item["pair_id"])] = item
    if answer.meta is None:
        return Answer("failed", "no system line in its output", wall_seconds=wall)
    return answer


# --------------------------------------------------------------------------- scoring


def rate(count: int, total: int) -> float | None:
    return count / total if total else None


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def screening_metrics(queries: list[Query], answer: Answer) -> dict[str, Any]:
    assert answer.results is not None
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seconds: list[float] = []
    unanswered = 0
    for query in queries:
        line = answer.results.get(query.id)
        if line is None:
            unanswered += 1
            results: list[dict[str, Any]] = []
        else:
            results = list(line.get("results", []))
            seconds.append(float(line.get("seconds", 0.0)))
        top = results[0] if results else None
        for group in query.groups:
            c = counts[group]
            c["n"] += 1
            if query.expected:
                right_top = top is not None and top["id"] in query.expected
                c["right@1"] += right_top
                c["right@10"] += any(r["id"] in query.expected for r in results[:10])
                c["right@1 hit"] += right_top and bool(top and top["hit"])
                c["wrong hit@1"] += (not right_top) and bool(top and top["hit"])
            else:
                c["negative"] += 1
                c["false hit"] += bool(top and top["hit"])
    groups: dict[str, dict[str, Any]] = {}
    for group, c in counts.items():
        positives = c["n"] - c["negative"]
        if positives:
            groups[group] = {
                "n": positives,
                "recall@1": rate(c["right@1"], positives),
                "recall@10": rate(c["right@10"], positives),
                "recall@1 at threshold": rate(c["right@1 hit"], positives),
                "wrong top hit": rate(c["wrong hit@1"], positives),
            }
        else:
            groups[group] = {
                "n": c["negative"],
                "false-positive rate at threshold": rate(c["false hit"], c["negative"]),
            }
    return {
        "groups": groups,
        "unanswered": unanswered,
        "latency ms": {
            "p50": _ms(percentile(seconds, 0.50)),
            "p95": _ms(percentile(seconds, 0.95)),
            "p99": _ms(percentile(seconds, 0.99)),
            "mean": _ms(sum(seconds) / len(seconds) if seconds else None),
        },
    }


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000.0


def pair_metrics(dataset: Dataset, answer: Answer) -> dict[str, Any]:
    assert answer.pairs is not None
    by_group: dict[str, dict[bool, list[tuple[float, bool]]]] = defaultdict(
        lambda: {True: [], False: []}
    )
    seconds: list[float] = []
    unanswered = 0
    for pair in dataset.pairs:
        line = answer.pairs.get(pair.id)
        if line is None:
            unanswered += 1
            by_group[pair.group][pair.same].append((0.0, False))
            continue
        seconds.append(float(line.get("seconds", 0.0)))
        by_group[pair.group][pair.same].append((float(line["score"]), bool(line["hit"])))
    groups: dict[str, dict[str, Any]] = {}
    for group, sides in by_group.items():
        true, false = sides[True], sides[False]
        groups[group] = {
            "n true": len(true),
            "n false": len(false),
            "true-positive rate at threshold": rate(sum(hit for _, hit in true), len(true)),
            "false-positive rate at threshold": rate(sum(hit for _, hit in false), len(false)),
            "true-positive rate at 1% false positives": tpr_at_fpr(
                [s for s, _ in true], [s for s, _ in false], TARGET_FP
            ),
        }
    return {
        "groups": groups,
        "unanswered": unanswered,
        "latency ms": {
            "p50": _ms(percentile(seconds, 0.50)),
            "p99": _ms(percentile(seconds, 0.99)),
        },
    }


def tpr_at_fpr(true: list[float], false: list[float], fpr: float) -> float | None:
    """The share of true pairs above the best threshold that lets through at most ``fpr``
    of the false ones: how well the scores separate, whatever the threshold."""
    if not true or not false:
        return None
    ordered = sorted(false, reverse=True)
    allowed = math.floor(fpr * len(ordered))
    cut = ordered[allowed] if allowed < len(ordered) else -math.inf
    return sum(score > cut for score in true) / len(true)


# --------------------------------------------------------------------------- printing


def fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:], strict=True)]
        print("  " + "  ".join(cells).rstrip())


def report(dataset: Dataset, names: list[str], answers: dict[str, Answer], figures: Any) -> None:
    print()
    print(f"== {dataset.name}: {dataset.description}")
    size = (
        f"{len(dataset.pairs):,} pairs"
        if dataset.pairs
        else f"index {len(dataset.entries):,} entries; {len(dataset.queries):,} queries"
    )
    print(f"   {size}" + "".join(f"; {note}" for note in dataset.notes))
    header = ["", "n", *names, "target"]
    rows: list[list[str]] = [header]

    def metric(group: str, key: str) -> list[str]:
        cells = []
        for name in names:
            if answers[name].status != "ok":
                cells.append(answers[name].status)
            else:
                cells.append(fmt(figures[name]["groups"].get(group, {}).get(key)))
        return cells

    groups: list[str] = []
    for item in dataset.pairs or dataset.queries:
        labels = (item.group,) if hasattr(item, "group") else item.groups
        groups.extend(label for label in labels if label not in groups)
    main = [g for g in groups if ":" not in g]
    splits = [g for g in groups if ":" in g]
    ok = [n for n in names if answers[n].status == "ok"]

    def count(group: str, key: str = "n") -> str:
        for name in ok:
            if group in figures[name]["groups"]:
                return fmt(figures[name]["groups"][group][key])
        return ""

    if dataset.pairs:
        for group in main:
            rows.append([group, f"{count(group, 'n true')}+{count(group, 'n false')}"])
            rows[-1] += [""] * (len(names) + 1)
            for key, target in (
                ("true-positive rate at threshold", f"≥ {TARGET_RECALL:.2f}"),
                ("false-positive rate at threshold", f"≤ {TARGET_FP:.2f}"),
                ("true-positive rate at 1% false positives", ""),
            ):
                rows.append(["  " + key, "", *metric(group, key), target])
    else:
        for group in main:
            keys: list[tuple[str, str]]
            if any(q.expected for q in dataset.queries if group in q.groups):
                keys = [
                    ("recall@1", ""),
                    ("recall@10", ""),
                    ("recall@1 at threshold", f"≥ {TARGET_RECALL:.2f}"),
                    ("wrong top hit", ""),
                ]
            else:
                keys = [("false-positive rate at threshold", f"≤ {TARGET_FP:.2f}")]
            rows.append([group, count(group), *[""] * (len(names) + 1)])
            for key, target in keys:
                rows.append(["  " + key, "", *metric(group, key), target])
        if splits:
            rows.append(["splits: recall@1 / at threshold", "", *[""] * (len(names) + 1)])
            for group in splits:
                cells = []
                for name in names:
                    if answers[name].status != "ok":
                        cells.append(answers[name].status)
                        continue
                    g = figures[name]["groups"].get(group, {})
                    cells.append(
                        f"{fmt(g.get('recall@1'))} / {fmt(g.get('recall@1 at threshold'))}"
                    )
                rows.append(["  " + group, count(group), *cells, ""])
    latency_keys = ("p50", "p99")
    rows.append(["latency ms " + "/".join(latency_keys), ""])
    for name in names:
        if answers[name].status != "ok":
            rows[-1].append(answers[name].status)
            continue
        lat = figures[name]["latency ms"]
        rows[-1].append(" / ".join(fmt(lat.get(k)) for k in latency_keys))
    rows[-1].append("")
    for label, key in (
        ("index build s", "index_seconds"),
        ("adapter wall s", "wall_seconds"),
        ("threshold", "threshold"),
    ):
        cells = []
        for name in names:
            answer = answers[name]
            meta = {**(answer.meta or {}), "wall_seconds": answer.wall_seconds}
            cells.append(fmt(meta.get(key)) if answer.status == "ok" else "")
        rows.append([label, "", *cells, ""])
    print_table(rows)
    for name in names:
        answer = answers[name]
        if answer.status != "ok":
            print(f"   {name}: {answer.status}: {answer.message}")
        elif figures[name]["unanswered"]:
            print(f"   {name}: {figures[name]['unanswered']} queries left unanswered")


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--datasets", default=",".join(datasets.DATASETS))
    parser.add_argument("--queries", type=int, default=1000, help="queries per group")
    parser.add_argument("--negatives", type=int, help="not-in-index names (default: --queries)")
    parser.add_argument("--pairs", type=int, help="true pairs per source (default: all)")
    parser.add_argument("--index-limit", type=int, help="cap index sizes (quick runs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=datasets.default_data_dir())
    parser.add_argument("--timeout", type=float, default=3600.0, help="per adapter run, s")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()

    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    sets = [n.strip() for n in args.datasets.split(",") if n.strip()]
    for name in names:
        if name not in SYSTEMS:
            parser.error(f"unknown system {name!r}; known: {', '.join(SYSTEMS)}")
    for name in sets:
        if name not in datasets.DATASETS:
            parser.error(f"unknown dataset {name!r}; known: {', '.join(datasets.DATASETS)}")
    data: Path = args.data.resolve()
    print(describe())
    if not data.is_dir():
        print(f"skipped: no data folder at {data} (the public name data of ../shared/data)")
        return 0
    print(f"data: the real public name data of {data} (see its README.md); seed {args.seed}")

    workdir = args.out / "accuracy-work"
    workdir.mkdir(parents=True, exist_ok=True)
    negatives = args.queries if args.negatives is None else args.negatives
    record: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": describe(),
        "data": str(data),
        "real_data": True,
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "datasets": {},
    }
    for set_name in sets:
        missing = datasets.missing_files(set_name, data)
        if missing:
            print(f"\n== {set_name}: skipped, missing {', '.join(map(str, missing))}")
            record["datasets"][set_name] = {"skipped": [str(p) for p in missing]}
            continue
        dataset = datasets.build(
            set_name,
            data,
            queries=args.queries,
            negatives=negatives,
            pairs=args.pairs,
            seed=args.seed,
            index_limit=args.index_limit,
        )
        source = workdir / f"{set_name}.input.jsonl"
        write_jsonl(source, dataset.input_lines())
        truth: list[dict[str, object]] = [
            {"query_id": q.id, "expected": sorted(q.expected), "groups": list(q.groups)}
            for q in dataset.queries
        ]
        truth += [{"pair_id": p.id, "same": p.same, "group": p.group} for p in dataset.pairs]
        write_jsonl(workdir / f"{set_name}.truth.jsonl", truth)
        answers: dict[str, Answer] = {}
        figures: dict[str, Any] = {}
        for name in names:
            print(f"   {set_name}: running {name} ...", file=sys.stderr, flush=True)
            target = workdir / f"{set_name}.{name}.output.jsonl"
            answers[name] = answer = run_system(SYSTEMS[name], source, target, args.timeout)
            if answer.status == "ok":
                if dataset.pairs:
                    figures[name] = pair_metrics(dataset, answer)
                else:
                    figures[name] = screening_metrics(dataset.queries, answer)
        report(dataset, names, answers, figures)
        record["datasets"][set_name] = {
            "description": dataset.description,
            "entries": len(dataset.entries),
            "queries": len(dataset.queries),
            "pairs": len(dataset.pairs),
            "notes": dataset.notes,
            "systems": {
                name: {
                    "status": answers[name].status,
                    "message": answers[name].message,
                    "system": answers[name].meta,
                    "wall_seconds": answers[name].wall_seconds,
                    "figures": figures.get(name),
                }
                for name in names
            },
        }
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    path = args.out / f"accuracy-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nfigures written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
