"""The screening index's own behaviour (no store): adding, replacing and removing one
person at a time, the pre-score ranking, compaction, and the snapshot file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tabadul.matching.index import IndexArrays, PersonData, ScreeningIndex, prepare
from tabadul.matching.snapshot import (
    MAGIC,
    SnapshotError,
    read_header,
    read_snapshot,
    write_snapshot,
)
from tabadul.names import analyze


def person(rid: int, *names: str, **extra: object) -> PersonData:
    return PersonData(
        record_id=rid,
        owner_id=1,
        external_id=f"p-{rid}",
        gender=None,
        names=[(n, "primary") for n in names],
        **extra,  # type: ignore[arg-type]
    )


def small() -> ScreeningIndex:
    index = ScreeningIndex()
    index.add(person(1, "Youcef Ben Amrani", "يوسف بن عمراني", birth_dates=["1984-06-02"]))
    index.add(person(2, "Mohamed Ould Cheikh", documents=["B01234567"], nationalities=["MR"]))
    index.add(person(3, "Karima Haddad", birth_dates=["1990"]))
    index.add(person(4, "Youssef Haddad", birth_dates=["1961"]))
    return index


def test_any_spelling_finds_the_person_first() -> None:
    index = small()
    assert index.rank(analyze("Yusuf bin Amrani"))[0] == 1
    assert index.rank(analyze("محمد ولد الشيخ"))[0] == 2
    assert index.rank(analyze("Nobody Known"), document="b0l234567") == [2]


def test_birth_year_breaks_a_tie_between_namesakes() -> None:
    index = small()
    index.add(person(5, "Youssef Haddad", birth_dates=["1990-01-01"]))
    assert index.rank(analyze("Youssef Haddad"))[:2] == [4, 5]  # the earlier first
    assert index.rank(analyze("Youssef Haddad"), birth_year=1990)[0] == 5


def test_a_write_updates_one_person_without_a_rebuild() -> None:
    index = small()
    index.add(person(3, "Karima Benali"))  # renamed
    assert 3 not in index.rank(analyze("Karima Haddad"))[:1]
    assert index.rank(analyze("Karima Benali")) == [3]
    index.remove(1)
    assert 1 not in index.rank(analyze("Youcef Ben Amrani"))
    assert index.entry(1) is None and len(index) == 3
    entry = index.entry(2)
    assert entry is not None and entry.external_id == "p-2"
    assert entry.candidate.documents == ["B01234567"] and entry.candidate.nationalities == ["MR"]


def test_freeze_compacts_and_keeps_every_answer() -> None:
    index = small()
    index.add(person(3, "Karima Benali"))
    index.remove(4)
    queries = ["Karima Benali", "Youcef Ben Amrani", "Haddad", "Mohamed Cheikh"]
    before = [index.rank(analyze(q)) for q in queries]
    arrays = index.freeze()
    assert len(arrays.record_ids) == 3  # the dead slots are gone
    assert [index.rank(analyze(q)) for q in queries] == before
    index.add(person(6, "Karima Benali"))  # and it keeps taking writes
    assert index.rank(analyze("Karima Benali")) == [3, 6]


def _arrays_equal(a: IndexArrays, b: IndexArrays) -> bool:
    return all(
        np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y
        for x, y in zip(vars(a).values(), vars(b).values(), strict=True)
    )


def test_a_chunk_inserted_at_once_is_held_as_one_at_a_time() -> None:
    people = [
        person(1, "Youcef Ben Amrani", "يوسف بن عمراني", birth_dates=["1984-06-02"]),
        person(2, "Mohamed Ould Cheikh", documents=["B01234567"], nationalities=["MR"]),
        person(3, "Karima Haddad", birth_dates=["1990"]),
        person(9, "Youssef Haddad", birth_dates=["1961"], documents=["X1", "X1"]),
    ]
    one, many = small(), small()
    one.remove(3)
    many.remove(3)
    one.freeze()
    many.freeze()
    one.rank(analyze("Haddad"))  # a common key's bitmap, kept up to date by inserts
    many.rank(analyze("Haddad"))
    fresh = [person(10 + i, p.names[0][0], documents=p.documents) for i, p in enumerate(people)]
    for p in fresh:
        one.insert(prepare(p))
    many.insert_many([prepare(p) for p in fresh])
    many.insert_many([])
    # a chunk that replaces a person it holds (or holds one twice) is taken in turn
    again = [prepare(person(11, "Karima Benali")), prepare(person(20, "Ali Haddad"))]
    for p in again:
        one.insert(p)
    many.insert_many(again)
    for q in ["Youssef Haddad", "Karima Benali", "محمد ولد الشيخ", "Haddad"]:
        assert many.rank(analyze(q)) == one.rank(analyze(q))
    assert many.rank(analyze("x"), document="X1") == one.rank(analyze("x"), document="X1")
    assert many.entry(12) == one.entry(12) and len(many) == len(one)
    assert _arrays_equal(many.freeze(), one.freeze())


def test_snapshot_round_trip(tmp_path: Path) -> None:
    index = small()
    index.remove(3)
    path = tmp_path / "index.snapshot"
    write_snapshot(path, index.freeze(), {"index": 2, "note": "test"})
    arrays, built_from = read_snapshot(path)
    assert built_from == {"index": 2, "note": "test"}
    assert read_header(path)["built_from"] == built_from
    restored = ScreeningIndex(arrays)
    assert len(restored) == len(index) == 3
    for q in ["Yusuf bin Amrani", "محمد ولد الشيخ", "Youssef Haddad"]:
        assert restored.rank(analyze(q)) == index.rank(analyze(q))
    assert restored.rank(analyze("x"), document="B01234567") == [2]
    a, b = restored.entry(1), index.entry(1)
    assert a is not None and b is not None and a.candidate == b.candidate
    restored.add(person(7, "Karima Haddad"))
    assert restored.rank(analyze("Karima Haddad"))[0] == 7


def test_snapshot_is_plain_data(tmp_path: Path) -> None:
    path = tmp_path / "index.snapshot"
    write_snapshot(path, small().freeze(), {})
    data = path.read_bytes()
    assert data.startswith(MAGIC)
    header = json.loads(data[len(MAGIC) : data.index(b"\n", len(MAGIC))])
    assert header["format"] == 1 and len(header["sha256"]) == 64
    assert [s[0] for s in header["sections"]][:2] == ["record_ids", "versions"]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: b"not a snapshot at all", "not a screening index snapshot"),
        (lambda d: d[: len(d) - 10], "cut short"),
        (lambda d: d[:-1] + bytes([d[-1] ^ 0xFF]), "checksum mismatch"),
        (lambda d: d.replace(b'"format": 1', b'"format": 99', 1), "snapshot format 99"),
        (lambda d: MAGIC + b"{broken\n", "not valid JSON"),
        (lambda d: b"", "not a screening index snapshot"),
    ],
    ids=["foreign", "truncated", "flipped-byte", "newer-format", "bad-header", "empty"],
)
def test_a_damaged_snapshot_is_refused_with_its_reason(
    tmp_path: Path, damage: object, message: str
) -> None:
    path = tmp_path / "index.snapshot"
    write_snapshot(path, small().freeze(), {})
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with pytest.raises(SnapshotError, match=message):
        read_snapshot(path)


def test_arrays_that_do_not_fit_together_are_refused(tmp_path: Path) -> None:
    arrays = small().freeze()
    arrays.key_slots = arrays.key_slots + np.int32(1000)  # postings pointing nowhere
    path = tmp_path / "index.snapshot"
    write_snapshot(path, arrays, {})
    with pytest.raises(SnapshotError, match="point outside the index"):
        read_snapshot(path)


def test_others_never_reorder_a_persons_candidates() -> None:
    """A person's pre-score depends only on the query and that person: adding others
    (say, records a viewer may not see) never changes the order of the rest."""
    index = small()
    queries = ["Youssef Haddad", "Karima Haddad", "يوسف بن عمراني"]
    before = {q: index.rank(analyze(q)) for q in queries}
    for rid in range(100, 160):
        index.add(person(rid, "Youssef Haddad" if rid % 2 else "Karima Ben Amrani"))
    for q in queries:
        after = [rid for rid in index.rank(analyze(q)) if rid < 100]
        assert after == before[q], q
