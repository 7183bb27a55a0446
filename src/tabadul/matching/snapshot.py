"""The screening index on disk, for a fast start.

A snapshot is one file: plain arrays, no pickled objects (nothing in it is executed or
instantiated from the file but numbers, bytes and JSON), laid out as

1. the line ``TABADUL-SCREENING-INDEX``;
2. one line of JSON, the *header*: ``format`` (:data:`FORMAT`), ``built_from`` (what
   the index was built from: see below), ``sections`` (name, numpy dtype and length in
   bytes of each section, in file order) and ``sha256`` of everything after the header;
3. the sections, back to back, little-endian: the arrays of
   :class:`~tabadul.matching.index.IndexArrays` (``keys`` as a JSON list, ``payload``
   as the raw UTF-8 JSON of the persons).

``built_from`` says what the snapshot answers for: the index version and a fingerprint
of the name analysis (its code and its dictionary: comparison keys change with them),
and the database (a hash of its URL, without password). A snapshot whose index
version, analysis or database differ is not used (the index is rebuilt from the store);
one that matches is brought up to date by the caller: each person carries a *version*
(from its ``updated_at`` and its documents'), so persons written since — by any
process, whatever the clocks say — are refreshed and persons gone are removed (see
:meth:`tabadul.service.screening.Screening.load`).

A file that is not a snapshot, is cut short, fails its checksum or holds arrays that do
not fit together raises :class:`SnapshotError` with the reason; nothing is half-loaded.
Files are written to a temporary name and renamed, so a crash while saving leaves the
previous snapshot whole.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from tabadul import __version__
from tabadul.matching.index import INDEX_VERSION, IndexArrays

__all__ = ["FORMAT", "SnapshotError", "analysis_fingerprint", "read_snapshot", "write_snapshot"]

MAGIC = b"TABADUL-SCREENING-INDEX\n"
FORMAT = 1
_MAX_HEADER = 1 << 20
_ARRAYS = [f.name for f in fields(IndexArrays)]
_CODE_OR_DATA = {".py", ".gz", ".json", ".tsv", ".txt"}


class SnapshotError(Exception):
    """A snapshot file that cannot be used, and why."""


@cache
def analysis_fingerprint() -> str:
    """A hash of what decides the index's comparison keys and payload: the name
    analysis package (code and dictionary data), the index module, the document-number
    normalisation and tabadul's version. (The scorer is not in it: a new scorer scores
    the same candidates.)"""
    digest = hashlib.sha256(f"{__version__}/{INDEX_VERSION}".encode())
    names = Path(str(resources.files("tabadul.names")))
    matching = Path(str(resources.files("tabadul.matching")))
    paths = sorted(p for p in names.rglob("*") if p.is_file() and p.suffix in _CODE_OR_DATA)
    paths += [matching / "index.py", matching / "features.py"]
    for path in paths:
        digest.update(path.relative_to(path.parents[1]).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_snapshot(path: Path, arrays: IndexArrays, built_from: dict[str, Any]) -> int:
    """Write ``arrays`` to ``path`` (atomically); returns the file's size in bytes."""
    sections: list[tuple[str, str, bytes]] = []
    for name in _ARRAYS:
        value = getattr(arrays, name)
        if name == "keys":
            sections.append((name, "json", json.dumps(value, ensure_ascii=False).encode()))
        elif name == "payload":
            sections.append((name, "bytes", bytes(value)))
        else:
            array = np.ascontiguousarray(value)
            dtype = array.dtype.newbyteorder("<")
            sections.append((name, dtype.str, array.astype(dtype, copy=False).tobytes()))
    digest = hashlib.sha256()
    for _, _, data in sections:
        digest.update(data)
    header = {
        "format": FORMAT,
        "built_from": built_from,
        "sections": [[name, kind, len(data)] for name, kind, data in sections],
        "sha256": digest.hexdigest(),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + f".tmp-{os.getpid()}")
    try:
        with temporary.open("wb") as out:
            out.write(MAGIC)
            out.write(json.dumps(header, sort_keys=True).encode() + b"\n")
            for _, _, data in sections:
                out.write(data)
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path.stat().st_size


def read_header(path: Path) -> dict[str, Any]:
    """The header of a snapshot (cheap: the arrays are not read)."""
    with path.open("rb") as stream:
        header, _ = _header(stream.read(len(MAGIC) + _MAX_HEADER), path)
    return header


def _header(data: bytes, path: Path) -> tuple[dict[str, Any], int]:
    if not data.startswith(MAGIC):
        raise SnapshotError(f"{path} is not a screening index snapshot")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise SnapshotError(f"{path}: the header is cut short")
    try:
        header = json.loads(data[len(MAGIC) : end])
    except ValueError as exc:
        raise SnapshotError(f"{path}: the header is not valid JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        found = header.get("format") if isinstance(header, dict) else None
        raise SnapshotError(f"{path}: snapshot format {found!r}, this version reads {FORMAT}")
    return header, end + 1


def read_snapshot(path: Path) -> tuple[IndexArrays, dict[str, Any]]:
    """The arrays and ``built_from`` of the snapshot at ``path``; :class:`SnapshotError`
    when it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot read ({exc.strerror})") from None
    header, offset = _header(data, path)
    body = memoryview(data)[offset:]
    try:
        sections = [(str(n), str(k), int(size)) for n, k, size in header["sections"]]
        built_from = dict(header["built_from"])
        expected = str(header["sha256"])
    except (KeyError, TypeError, ValueError):
        raise SnapshotError(f"{path}: the header lacks sections, built_from or sha256") from None
    if [n for n, _, _ in sections] != _ARRAYS:
        raise SnapshotError(f"{path}: unexpected sections {[n for n, _, _ in sections]}")
    if sum(size for _, _, size in sections) != len(body):
        raise SnapshotError(f"{path}: the file is cut short or has trailing bytes")
    if hashlib.sha256(body).hexdigest() != expected:
        raise SnapshotError(f"{path}: checksum mismatch (the file is damaged)")
    values: dict[str, Any] = {}
    at = 0
    try:
        for name, kind, size in sections:
            chunk = body[at : at + size]
            at += size
            if kind == "json":
                values[name] = [str(k) for k in json.loads(bytes(chunk))]
            elif kind == "bytes":
                values[name] = bytes(chunk)
            else:
                values[name] = np.frombuffer(chunk, dtype=np.dtype(kind)).copy()
        arrays = IndexArrays(**values)
    except (ValueError, TypeError) as exc:
        raise SnapshotError(f"{path}: a section cannot be read ({exc})") from None
    _check(arrays, path)
    return arrays, built_from


def _check(a: IndexArrays, path: Path) -> None:
    """The arrays fit together (a snapshot never makes the index read out of bounds)."""
    n = len(a.record_ids)
    per_slot = (a.versions, a.owner_ids, a.year_lo, a.year_hi, a.nationality, a.name_parts)
    problems = []
    if any(len(x) != n for x in (*per_slot, a.payload_start, a.payload_length)):
        problems.append("per-person arrays of different lengths")
    elif n and (
        int(a.payload_start.min()) < 0
        or int(a.payload_length.min()) < 0
        or int((a.payload_start + a.payload_length).max()) > len(a.payload)
    ):
        problems.append("payload offsets out of range")
    if len(a.key_starts) != len(a.keys) + 1 or (
        len(a.key_starts)
        and (
            int(a.key_starts[0]) != 0
            or int(a.key_starts[-1]) != len(a.key_slots)
            or bool((np.diff(a.key_starts) < 0).any())
        )
    ):
        problems.append("key offsets do not fit the postings")
    for name, slots in (("key", a.key_slots), ("document", a.doc_slots)):
        if len(slots) and (int(slots.min()) < 0 or int(slots.max()) >= n):
            problems.append(f"{name} postings point outside the index")
    if len(a.doc_hashes) != len(a.doc_slots):
        problems.append("document hashes and slots differ in length")
    if n and (bool((a.record_ids < 0).any()) or len(np.unique(a.record_ids)) != n):
        problems.append("record ids missing or repeated")
    if problems:
        raise SnapshotError(f"{path}: " + "; ".join(problems))
