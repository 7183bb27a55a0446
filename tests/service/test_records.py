from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tabadul.domain.enums import HandlingCode, RecordKind, Script, Visibility
from tabadul.model.records import AntecedentIn, NameIn, PersonOut
from tabadul.service import Conflict, Forbidden, InvalidInput, NotFound, Tabadul
from tabadul.service.records import RecordFilter
from tabadul.store.tables import AuditEvent, PersonName, Record
from tests.factory import OPERATOR, document, group, link, person, world


def test_bureau_creates_and_anyone_allowed_reads(app: Tabadul) -> None:
    w = world(app)
    created = app.records.save(w.dz_bureau, person(aliases=("يوسف بن عمراني",)), create=True)
    assert isinstance(created, PersonOut)
    assert created.owner == "DZ-NCB"
    assert created.handling_code is HandlingCode.H0
    assert [n.script for n in created.names] == [Script.LATIN, Script.ARABIC]
    assert created.review_date.year == created.created_at.year + 5
    seen = app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    assert seen == created


def test_only_the_owner_writes(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(), create=True)
    with pytest.raises(Forbidden):
        app.records.save(w.ma_bureau, person(), owner="DZ-NCB", create=False)
    with pytest.raises(Forbidden):
        app.records.save(w.dz_officer, person(), create=False)  # officers do not write
    with pytest.raises(Forbidden):
        app.records.delete(w.ma_bureau, owner="DZ-NCB", external_id="p-1")
    with pytest.raises(Forbidden):
        app.records.save(w.ma_bureau, person("p-9"), owner="DZ-NCB", create=True)


def test_hidden_record_answers_exactly_like_a_missing_one(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(visibility="none"), create=True)
    with pytest.raises(NotFound) as hidden:
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    with pytest.raises(NotFound) as missing:
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-2")
    assert str(hidden.value).replace("p-1", "X") == str(missing.value).replace("p-2", "X")
    # and a change attempt by a non-owner is a NotFound too, not a Forbidden
    with pytest.raises(NotFound):
        app.records.save(w.ma_bureau, person(), owner="DZ-NCB", create=False)
    with pytest.raises(NotFound):
        app.records.delete(w.ma_bureau, owner="DZ-NCB", external_id="p-1")
    # the owner still sees it
    assert app.records.get(w.dz_officer, owner="DZ-NCB", external_id="p-1").external_id == "p-1"


def test_hit_only_records_are_not_listed_or_viewed_in_full(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", visibility="hit_only"), create=True)
    app.records.save(w.dz_bureau, person("p-2", name="Amina Kaci"), create=True)
    page = app.records.page(w.ma_officer, RecordFilter())
    assert [r.external_id for r in page.items] == ["p-2"]
    assert page.total == 1
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")


def test_records_past_review_are_served_only_to_the_owner(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(), create=True)
    with app.transaction() as session:
        row = session.scalar(select(Record))
        assert row is not None
        row.review_date = date(2000, 1, 1)
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="DZ-NCB", external_id="p-1")
    assert app.records.get(w.dz_officer, owner="DZ-NCB", external_id="p-1")


def test_create_twice_is_a_conflict_and_update_replaces(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(aliases=("Abou Selma",)), create=True)
    with pytest.raises(Conflict):
        app.records.save(w.dz_bureau, person(), create=True)
    updated = app.records.save(w.dz_bureau, person(name="Youssef Ben Amrani"), create=False)
    assert isinstance(updated, PersonOut)
    assert [n.full_name for n in updated.names] == ["Youssef Ben Amrani"]
    with app.transaction() as session:
        assert session.scalar(select(func.count()).select_from(PersonName)) == 1
        assert session.scalar(select(func.count()).select_from(Record)) == 1


def test_references_must_resolve_to_the_right_kind(app: Tabadul) -> None:
    w = world(app)
    with pytest.raises(InvalidInput) as exc:
        app.records.save(w.dz_bureau, document(holder="nobody"), create=True)
    assert exc.value.errors[0].loc == ("holder",)
    app.records.save(w.dz_bureau, group(), create=True)
    with pytest.raises(InvalidInput):
        app.records.save(w.dz_bureau, document(holder="g-1"), create=True)
    with app.transaction() as session:  # nothing half-written
        assert session.scalar(select(func.count()).select_from(Record)) == 1


def test_references_to_hidden_records_are_left_out(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(visibility="none"), create=True)
    app.records.save(w.dz_bureau, document(), create=True)
    app.records.save(w.dz_bureau, group(), create=True)
    app.records.save(w.dz_bureau, link(), create=True)
    app.records.save(
        w.dz_bureau,
        AntecedentIn(
            external_id="a-1", person="p-1", offence_category="smuggling", judicial_status="charged"
        ),
        create=True,
    )
    doc = app.records.get(w.ma_officer, owner="DZ-NCB", external_id="d-1")
    assert doc.holder is None  # type: ignore[union-attr]
    for hidden in ("l-1", "a-1"):  # cannot stand without the hidden person
        with pytest.raises(NotFound):
            app.records.get(w.ma_officer, owner="DZ-NCB", external_id=hidden)
    listed = {r.external_id for r in app.records.page(w.ma_officer, RecordFilter()).items}
    assert listed == {"d-1", "g-1"}
    assert app.records.get(w.dz_officer, owner="DZ-NCB", external_id="d-1").holder == "p-1"  # type: ignore[union-attr]


def test_delete_removes_personal_data_and_dependents_and_keeps_audit(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person(), create=True)
    app.records.save(w.dz_bureau, group(), create=True)
    app.records.save(w.dz_bureau, link(), create=True)
    app.records.save(w.dz_bureau, document(), create=True)
    deleted = app.records.delete(w.dz_bureau, owner="DZ-NCB", external_id="p-1")
    assert sorted(deleted) == ["l-1", "p-1"]
    with app.transaction() as session:
        assert session.scalar(select(func.count()).select_from(PersonName)) == 0
        kinds = sorted(session.scalars(select(Record.kind)))
        assert kinds == ["document", "group"]
        entry = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "record_delete")
        ).one()
        assert entry.targets == ["DZ-NCB/p-1", "DZ-NCB/l-1"]
        assert "Youcef" not in str(entry.detail)
    assert app.records.get(w.dz_bureau, owner="DZ-NCB", external_id="d-1").holder is None  # type: ignore[union-attr]


def test_list_filters(app: Tabadul) -> None:
    w = world(app)
    app.records.save(w.dz_bureau, person("p-1", name="Youcef Ben Amrani"), create=True)
    app.records.save(
        w.dz_bureau, person("p-2", name="محمد ولد الشيخ", nationalities=("MR",)), create=True
    )
    app.records.save(w.ma_bureau, group("g-1"), create=True)
    names = lambda flt: sorted(r.external_id for r in app.records.page(w.ma_officer, flt).items)  # noqa: E731
    assert names(RecordFilter(name="amrani")) == ["p-1"]
    assert names(RecordFilter(name="الشيخ")) == ["p-2"]
    assert names(RecordFilter(nationality="mr")) == ["p-2"]
    assert names(RecordFilter(owner="ma-ncb")) == ["g-1"]
    assert names(RecordFilter(kind=RecordKind.GROUP)) == ["g-1"]


def test_operator_must_name_an_owner(app: Tabadul) -> None:
    world(app)
    with pytest.raises(InvalidInput):
        app.records.save(OPERATOR, person(), create=True)
    saved = app.records.save(OPERATOR, person(), owner="MA-NCB", create=True)
    assert saved.owner == "MA-NCB"


def test_validation_names_the_field() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as exc:
        NameIn(full_name="x" * 20_000)
    assert exc.value.errors()[0]["loc"] == ("full_name",)


def test_visibility_default_comes_from_the_agency(app: Tabadul) -> None:
    w = world(app)
    app.directory.add_agency(
        viewer=OPERATOR,
        code="TN-NCB",
        name="Bureau Tunis",
        country="TN",
        default_visibility=Visibility.HIT_ONLY,
    )
    app.directory.add_user(
        viewer=OPERATOR,
        login="tn.bureau",
        agency="TN-NCB",
        role="bureau",
        password="correct-horse-battery",
    )
    tn = app.directory.viewer("tn.bureau")
    saved = app.records.save(tn, person(), create=True)
    assert saved.visibility is Visibility.HIT_ONLY
    with pytest.raises(NotFound):
        app.records.get(w.ma_officer, owner="TN-NCB", external_id="p-1")
