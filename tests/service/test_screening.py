"""Screening through the service layer: any spelling, the rules, the index kept current."""

from __future__ import annotations

import pytest

from tabadul.domain.enums import Purpose, Visibility
from tabadul.matching.index import MAX_CANDIDATES
from tabadul.model.records import NameIn, PersonIn
from tabadul.service import InvalidInput, Tabadul
from tabadul.service.screening import ScreenQuery, scored_per_query
from tabadul.service.sharing import RuleIn
from tests.factory import OPERATOR, World, world

BORDER = Purpose.BORDER_CONTROL


def cheikh(external_id: str = "p-1", **sharing: str) -> PersonIn:
    return PersonIn.model_validate(
        {
            "external_id": external_id,
            "names": [
                NameIn(full_name="Mohamed Ould Cheikh"),
                NameIn(full_name="محمد ولد الشيخ", kind="alias"),
            ],
            "birth_dates": ["1979-03-14"],
            "nationalities": ["MR"],
            "identifiers": [{"kind": "passport", "number": "B01234567"}],
            "sharing": sharing,
        }
    )


def setup(app: Tabadul) -> World:
    w = world(app)
    app.directory.set_region(
        viewer=OPERATOR, code="MAGHREB", name="Maghreb", members=["DZ", "MA", "TN"]
    )
    app.records.save(w.dz_bureau, cheikh(), create=True)
    return w


@pytest.mark.parametrize(
    "spelling",
    ["محمد ولد الشيخ", "Mohamed Ould Cheikh", "Muhammad walad al-Shaykh", "OULD CHEIKH, Mohamed"],
)
def test_any_spelling_finds_the_record_and_says_why(app: Tabadul, spelling: str) -> None:
    w = setup(app)
    [top, *_] = app.screening.screen(
        w.ma_officer, ScreenQuery(name=spelling, birthDate="1979"), purpose=BORDER
    )
    assert (top.owner, top.record_id, top.hit) == ("DZ-NCB", "p-1", True)
    assert top.explanation and any("same year of birth" in e for e in top.explanation)


def test_document_number_alone_finds_the_record(app: Tabadul) -> None:
    w = setup(app)
    results = app.screening.screen(
        w.ma_officer, ScreenQuery(name="Unknown Traveller", document="b0l234567"), purpose=BORDER
    )
    assert [r.record_id for r in results if r.hit] == ["p-1"]


def test_rules_apply_to_screening_at_once(app: Tabadul) -> None:
    w = setup(app)
    query = ScreenQuery(name="Mohamed Ould Cheikh")
    assert app.screening.screen(w.ma_officer, query, purpose=BORDER)
    app.sharing.set_record(
        w.dz_bureau, owner="DZ-NCB", external_id="p-1", visibility=Visibility.NONE
    )
    assert app.screening.screen(w.ma_officer, query, purpose=BORDER) == []
    app.sharing.set_record(
        w.dz_bureau,
        owner="DZ-NCB",
        external_id="p-1",
        rules=[RuleIn(subject="region", code="MAGHREB", level=Visibility.HIT_ONLY)],
    )
    [result] = app.screening.screen(w.ma_officer, query, purpose=BORDER)
    assert result.access is Visibility.HIT_ONLY and result.score is None
    assert result.explanation is None and result.hit_id is not None
    first, second = app.hits.notifications(w.dz_bureau)  # one per screening that hit
    assert (first.access, second.access) == ("full", "hit_only")
    assert second.searching_agency == "MA-NCB" and second.purpose == "border-control"


def test_the_index_follows_every_write(app: Tabadul) -> None:
    w = setup(app)
    query = ScreenQuery(name="Youssef Haddad")
    assert app.screening.screen(w.ma_officer, query, purpose=BORDER) == []  # index built
    app.records.save(
        w.dz_bureau,
        PersonIn(external_id="p-2", names=[NameIn(full_name="Youcef Haddad")]),
        create=True,
    )
    assert [r.record_id for r in app.screening.screen(w.ma_officer, query, purpose=BORDER)] == [
        "p-2"
    ]
    app.records.delete(w.dz_bureau, owner="DZ-NCB", external_id="p-2")
    assert app.screening.screen(w.ma_officer, query, purpose=BORDER) == []


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"name": "   "}, "name"),
        ({"name": "\u200f\u200e"}, "name"),
        ({"name": "x" * 5000}, "name"),
        ({"name": "Ali", "birthDate": "1985-13-45"}, "birthDate"),
        ({"name": "Ali", "nationality": "QQ"}, "nationality"),
    ],
)
def test_bad_queries_are_refused_naming_the_field(fields: dict[str, str], where: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as exc:
        ScreenQuery.model_validate(fields)
    assert exc.value.errors()[0]["loc"][0] in (where, "birth_date")


def test_unknown_purpose(app: Tabadul) -> None:
    w = setup(app)
    with pytest.raises(InvalidInput):
        app.screening.screen(w.ma_officer, ScreenQuery(name="Ali"), purpose="tourism")  # type: ignore[arg-type]


def test_a_batch_audits_each_query_in_order_and_links_each_hit_to_its_own_entry(
    app: Tabadul,
) -> None:
    w = setup(app)
    names = ["Mohamed Ould Cheikh", "Nobody Known", "محمد ولد الشيخ", "Mohamed Ould Cheikh"]
    queries = [ScreenQuery(id=f"q{i}", name=n) for i, n in enumerate(names)]
    answers = app.screening.screen_batch(w.ma_officer, queries, purpose=BORDER)
    assert [bool(a and a[0].hit) for a in answers] == [True, False, True, True]
    entries = [
        e
        for e in app.audit.entries(OPERATOR, limit=50)
        if e.action == "screen" and e.actor == w.ma_officer.login
    ]
    entries.sort(key=lambda e: e.id)
    assert [(e.detail or {})["query"]["id"] for e in entries] == ["q0", "q1", "q2", "q3"]
    assert [e.targets for e in entries] == [["DZ-NCB/p-1"], [], ["DZ-NCB/p-1"], ["DZ-NCB/p-1"]]
    hit_ids = [a[0].hit_id for a in answers if a and a[0].hit]
    assert len(set(hit_ids)) == 3  # one hit per screening, never shared
    notified = app.hits.notifications(w.dz_bureau)
    assert sorted(h.id for h in notified) == sorted(hit_ids)
    assert app.audit.verify(OPERATOR).ok


def test_the_benchmarks_candidates_are_those_a_screening_scores() -> None:
    # bench/accuracy reads `ScreeningIndex.candidates`: it must measure the service's path
    assert scored_per_query(10) == MAX_CANDIDATES
