"""Import and export through the service layer: every bad input of the issue, with its
error and an unchanged database afterwards."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tabadul.ingest import read_ftm
from tabadul.service import NotFound, Tabadul
from tabadul.store.tables import AuditEvent, Record
from tests.factory import OPERATOR, world

DATA = Path(__file__).parent.parent / "data"
SAMPLE = DATA / "region.ftm.jsonl"


def count(app: Tabadul) -> int:
    with app.transaction() as session:
        return session.scalar(select(func.count()).select_from(Record)) or 0


def write(tmp_path: Path, lines: list[str] | bytes, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    if isinstance(lines, bytes):
        path.write_bytes(lines)
    else:
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def good_person(pid: str = "p-ok") -> str:
    return json.dumps({"id": pid, "schema": "Person", "properties": {"name": ["Nadia Haddad"]}})


def test_import_then_reimport_updates_without_duplicates(app: Tabadul) -> None:
    world(app)
    report = app.transfer.import_file(OPERATOR, SAMPLE, owner="DZ-NCB")
    assert report.ok and report.committed, report.errors
    assert report.created == 7 and count(app) == 7
    again = app.transfer.import_file(OPERATOR, SAMPLE, owner="DZ-NCB")
    assert again.ok and again.created == 0 and again.updated == 7 and count(app) == 7


def test_export_round_trips_what_was_imported(app: Tabadul) -> None:
    world(app)
    app.transfer.import_file(OPERATOR, SAMPLE, owner="DZ-NCB")
    out = io.StringIO()
    assert app.transfer.export_ftm(OPERATOR, out) == 7
    with SAMPLE.open("rb") as original:
        before = {p.record.external_id: p.record for p in read_ftm(original)}  # type: ignore[union-attr]
    after = {p.record.external_id: p.record for p in read_ftm(io.BytesIO(out.getvalue().encode()))}  # type: ignore[union-attr]
    assert set(after) == set(before)
    for key, record in before.items():
        # the export states the sharing fields the owner's defaults filled in
        assert after[key].model_copy(update={"sharing": record.sharing}) == record, key


def test_export_obeys_visibility_and_h2(app: Tabadul, tmp_path: Path) -> None:
    w = world(app)
    lines = [
        json.dumps({"id": "open", "schema": "Person", "properties": {"name": ["Karim Saidi"]}}),
        json.dumps(
            {
                "id": "hidden",
                "schema": "Person",
                "properties": {"name": ["Samir Toumi"]},
                "tabadul": {"visibility": "none"},
            }
        ),
        json.dumps(
            {
                "id": "h2",
                "schema": "Person",
                "properties": {"name": ["Omar Jaziri"]},
                "tabadul": {"handling_code": "H2"},
            }
        ),
    ]
    report = app.transfer.import_file(OPERATOR, write(tmp_path, lines), owner="DZ-NCB")
    assert report.ok, report.errors

    def exported(viewer: object) -> set[str]:
        out = io.StringIO()
        app.transfer.export_ftm(viewer, out)  # type: ignore[arg-type]
        return {json.loads(line)["id"] for line in out.getvalue().splitlines()}

    assert exported(w.ma_officer) == {"open"}
    assert exported(w.dz_officer) == {"open", "hidden", "h2"}
    with app.transaction() as session:
        actors = set(session.scalars(select(AuditEvent.actor).where(AuditEvent.action == "export")))
    assert actors == {"ma.officer", "dz.officer"}


BAD_INPUTS = {
    "malformed JSON": ([good_person(), '{"id": "x", "schema": "Person", "properties": {'], 2, None),
    "unknown schema": (
        [good_person(), json.dumps({"id": "x", "schema": "Spaceship", "properties": {}})],
        2,
        "schema",
    ),
    "impossible date": (
        [
            good_person(),
            json.dumps(
                {
                    "id": "x",
                    "schema": "Person",
                    "properties": {"name": ["Ali Mansour"], "birthDate": ["2023-02-30"]},
                }
            ),
        ],
        2,
        "birthDate",
    ),
    "20,000-character name": (
        [
            good_person(),
            json.dumps({"id": "x", "schema": "Person", "properties": {"name": ["A" * 20_000]}}),
        ],
        2,
        "name",
    ),
    "dangling reference": (
        [
            good_person(),
            json.dumps(
                {
                    "id": "pp",
                    "schema": "Passport",
                    "properties": {"holder": ["nobody"], "number": ["Z9"]},
                }
            ),
        ],
        2,
        "holder",
    ),
    "duplicate id": ([good_person(), good_person()], 2, "id"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_reported_by_line_and_field_and_changes_nothing(
    app: Tabadul, tmp_path: Path, case: str
) -> None:
    world(app)
    app.transfer.import_file(OPERATOR, SAMPLE, owner="DZ-NCB")
    before = count(app)
    lines, line, field = BAD_INPUTS[case]
    report = app.transfer.import_file(OPERATOR, write(tmp_path, lines), owner="DZ-NCB")
    assert not report.committed
    assert [(e.line, e.field) for e in report.errors] == [(line, field)], report.errors
    assert len(str(report.errors[0])) < 400  # no 20,000-character echo
    assert count(app) == before


def test_non_utf8_line_is_reported_with_its_number(app: Tabadul, tmp_path: Path) -> None:
    world(app)
    data = (
        good_person() + "\n"
    ).encode() + '{"id": "x", "schema": "Person", "properties": {"name": ["Jos\xe9"]}}\n'.encode(
        "latin-1"
    )
    report = app.transfer.import_file(OPERATOR, write(tmp_path, data), owner="DZ-NCB")
    assert [e.line for e in report.errors] == [2]
    assert "UTF-8" in report.errors[0].reason
    assert count(app) == 0


def test_empty_file_is_an_error(app: Tabadul, tmp_path: Path) -> None:
    world(app)
    report = app.transfer.import_file(OPERATOR, write(tmp_path, b""), owner="DZ-NCB")
    assert not report.ok and "empty" in report.errors[0].reason
    assert count(app) == 0


def test_unknown_owner_is_refused_before_reading(app: Tabadul, tmp_path: Path) -> None:
    world(app)
    with pytest.raises(NotFound, match="no agency"):
        app.transfer.import_file(OPERATOR, SAMPLE, owner="XX-NOPE")
    assert count(app) == 0


def test_skip_invalid_imports_the_rest_and_writes_the_rejected(
    app: Tabadul, tmp_path: Path
) -> None:
    world(app)
    lines = [
        good_person("p-1"),
        json.dumps(
            {
                "id": "p-2",
                "schema": "Person",
                "properties": {"name": ["Ali Mansour"], "birthDate": ["2023-02-30"]},
            }
        ),
        json.dumps(
            {
                "id": "pp-2",
                "schema": "Passport",
                "properties": {"holder": ["p-2"], "number": ["Z9"]},
            }
        ),
        json.dumps(
            {
                "id": "pp-1",
                "schema": "Passport",
                "properties": {"holder": ["p-1"], "number": ["Z8"]},
            }
        ),
    ]
    path = write(tmp_path, lines)
    report = app.transfer.import_file(OPERATOR, path, owner="DZ-NCB", skip_invalid=True)
    assert report.committed and report.created == 2 and count(app) == 2
    assert [(e.line, e.field) for e in report.errors] == [(2, "birthDate"), (3, "holder")]
    assert "rejected on line 2" in report.errors[1].reason
    assert report.rejected_file == tmp_path / "in.jsonl.rejected.jsonl"
    rejected = [
        json.loads(x) for x in report.rejected_file.read_text(encoding="utf-8").splitlines()
    ]
    assert [r["line"] for r in rejected] == [2, 3]
    assert json.loads(rejected[0]["input"])["id"] == "p-2"


def test_forward_references_resolve(app: Tabadul, tmp_path: Path) -> None:
    world(app)
    lines = [
        json.dumps(
            {
                "id": "pp-1",
                "schema": "Passport",
                "properties": {"holder": ["p-1"], "number": ["Z8"]},
            }
        ),
        good_person("p-1"),
    ]
    report = app.transfer.import_file(OPERATOR, write(tmp_path, lines), owner="DZ-NCB")
    assert report.ok and report.created == 2


def test_only_the_owner_imports(app: Tabadul) -> None:
    from tabadul.service import Forbidden

    w = world(app)
    with pytest.raises(Forbidden):
        app.transfer.import_file(w.ma_bureau, SAMPLE, owner="DZ-NCB")
    assert app.transfer.import_file(w.dz_bureau, SAMPLE, owner="DZ-NCB").ok


def test_errors_name_the_field_as_the_file_does(app: Tabadul, tmp_path: Path) -> None:
    world(app)
    membership = {
        "id": "m-1",
        "schema": "Membership",
        "properties": {"member": ["ghost"], "organization": ["g-1"]},
    }
    group = {"id": "g-1", "schema": "Organization", "properties": {"name": ["Salt Road Crew"]}}
    report = app.transfer.import_file(
        OPERATOR, write(tmp_path, [json.dumps(group), json.dumps(membership)]), owner="DZ-NCB"
    )
    assert [(e.line, e.field) for e in report.errors] == [(2, "member")]
    assert "'ghost' does not exist" in report.errors[0].reason


def test_properties_not_kept_are_reported(app: Tabadul, tmp_path: Path) -> None:
    world(app)
    line = {
        "id": "p-1",
        "schema": "Person",
        "properties": {"name": ["Rachid Meziane"], "sourceUrl": ["https://example.org/x"]},
    }
    report = app.transfer.import_file(OPERATOR, write(tmp_path, [json.dumps(line)]), owner="DZ-NCB")
    assert report.ok and report.ignored == {"sourceUrl": 1}
