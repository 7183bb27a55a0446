"""The compiled hot modules (tabadul._native): used only when built from the sources as
they are, and giving the answers the pure Python gives."""

from __future__ import annotations

import csv
import hashlib
import importlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tabadul import _native
from tabadul.domain.dates import PartialDate
from tabadul.domain.enums import NameKind
from tabadul.matching.scoring import ALGORITHMS, Candidate, Query, score
from tabadul.names import NamePart, analyze

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "names" / "cases.csv"


def _part(part: NamePart) -> tuple[object, ...]:
    """A part's fields, its sets in order (a set's order changes between processes)."""
    shapes = sorted((key, repr(shape)) for key, shape in part.shapes.items())
    return (
        part.text,
        part.folded,
        part.script.value,
        sorted(part.keys),
        part.particle,
        part.kind,
        shapes,
        part.form,
        sorted(part.known),
        part.evidence,
        part.weight,
    )


def _digest() -> str:
    """Every algorithm's scores, features and explanations, and the analyses, for
    pairs of names from the case file (each row's pair and its neighbours')."""
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    digest = hashlib.sha256()
    for row in rows:
        for name in (row["a"], row["b"]):
            analysed = analyze(name)
            digest.update(repr([_part(p) for p in analysed.parts]).encode())
            digest.update(repr([_part(p) for p in analysed.significant()]).encode())
    born = PartialDate.parse("1985-03")
    for i, row in enumerate(rows):
        for step in (0, 1, 7):
            other = rows[(i + step) % len(rows)]["b"]
            query = Query(analyze(row["a"]), birth_date=born if i % 2 else None)
            candidate = Candidate(
                [(analyze(other), NameKind.PRIMARY), (analyze(row["b"]), NameKind.ALIAS)],
                birth_dates=(PartialDate.parse("1985"),),
            )
            for algorithm in sorted(ALGORITHMS):
                scored = score(query, candidate, algorithm=algorithm)
                digest.update(repr((scored.score, scored.hit, scored.features)).encode())
    return digest.hexdigest()


@pytest.mark.skipif(not _native.status().active, reason="the hot modules are not compiled")
def test_compiled_and_pure_python_give_the_same_answers() -> None:
    for module in _native.HOT:
        importlib.import_module(module)
    assert _native.compiled_now() == list(_native.HOT)
    pure = subprocess.run(
        [sys.executable, "-c", "from tests.test_native import _digest; print(_digest())"],
        cwd=ROOT,
        env={**os.environ, "TABADUL_NATIVE": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert pure.stdout.strip() == _digest()


def test_the_ci_runs_the_compiled_modules() -> None:
    """.ci/run sets TABADUL_EXPECT_NATIVE=1: there, the setup must have compiled the hot
    modules and the tests must run them (elsewhere this only says what runs)."""
    for module in _native.HOT:
        importlib.import_module(module)
    if os.environ.get("TABADUL_EXPECT_NATIVE") != "1":
        pytest.skip(f"not asked to check ({_native.status()})")
    assert _native.status().active, str(_native.status())
    assert _native.compiled_now() == list(_native.HOT)


def test_pure_python_when_switched_off() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tabadul import _native; import tabadul.matching.scoring;"
            "print(_native.status()); print(_native.compiled_now())",
        ],
        env={**os.environ, "TABADUL_NATIVE": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines() == ["pure Python: switched off (TABADUL_NATIVE=0)", "[]"]


def _fake_build(root: Path, where: Path) -> None:
    """Sources of the hot modules under ``root`` and a 'build' of them in ``where``."""
    for module in _native.HOT:
        source = _native.source_of(module, root)
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(f"# {module}\n", encoding="utf-8")
    where.mkdir()
    files = {module: f"{module}.so" for module in _native.HOT}
    for file in files.values():
        (where / file).write_bytes(b"")
    manifest = {"fingerprint": _native.fingerprint(root), "files": files}
    (where / _native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_a_build_of_the_sources_as_they_are_is_used(tmp_path: Path) -> None:
    _fake_build(tmp_path / "src", tmp_path / "build")
    files, reason = _native.read_manifest(tmp_path / "build", tmp_path / "src")
    assert files is not None, reason
    assert set(files) == set(_native.HOT)


def test_a_build_of_edited_sources_is_never_used(tmp_path: Path) -> None:
    _fake_build(tmp_path / "src", tmp_path / "build")
    edited = _native.source_of("tabadul.matching.names", tmp_path / "src")
    edited.write_text(edited.read_text(encoding="utf-8") + "X = 1\n", encoding="utf-8")
    files, reason = _native.read_manifest(tmp_path / "build", tmp_path / "src")
    assert files is None
    assert "other sources" in reason


def test_an_incomplete_or_unreadable_build_is_never_used(tmp_path: Path) -> None:
    _fake_build(tmp_path / "src", tmp_path / "build")
    (tmp_path / "build" / "tabadul.names.script.so").unlink()
    files, reason = _native.read_manifest(tmp_path / "build", tmp_path / "src")
    assert files is None
    assert "incomplete" in reason
    (tmp_path / "build" / _native.MANIFEST).write_text("{not json", encoding="utf-8")
    files, reason = _native.read_manifest(tmp_path / "build", tmp_path / "src")
    assert files is None
    assert "unreadable manifest" in reason
    files, reason = _native.read_manifest(tmp_path / "nothing", tmp_path / "src")
    assert files is None
    assert "no compiled build" in reason


def test_results_cross_to_the_batch_helpers_intact() -> None:
    """A batch's helpers send their results pickled (tabadul.service._team)."""
    scored = score(
        Query(analyze("محمد ولد الشيخ"), birth_date=PartialDate.parse("1980")),
        Candidate([(analyze("OULD CHEIKH, Mohamed"), NameKind.PRIMARY)]),
    )
    again = pickle.loads(pickle.dumps(scored))
    assert again == scored
    assert again.features == scored.features
    assert again.explanation == scored.explanation


def test_a_build_that_cannot_compile_leaves_the_setup_going(tmp_path: Path) -> None:
    """No working C compiler: the setup goes on (exit 0), says why, and puts nothing
    in place; the modules stay plain Python."""
    target = tmp_path / "native" / "here"
    run = subprocess.run(
        [sys.executable, "-m", "tabadul._build_native"],
        cwd=ROOT,
        env={**os.environ, "TABADUL_NATIVE_DIR": str(target), "CC": "/bin/false"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "not compiled (the compilation failed" in run.stderr
    assert "tabadul runs as pure Python" in run.stderr
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # the attempt's own folder is gone too
