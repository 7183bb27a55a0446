"""Record pages and screening briefs (``tabadul.dossiers``): everything related to a
record that the viewer may see, nothing that the rules hide — not even as a count."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tabadul.domain.enums import NameKind, NoticeStatus, NoticeType, Purpose, RecordKind, Script
from tabadul.domain.enums import Visibility as V
from tabadul.model.records import AntecedentIn, NoticeIn
from tabadul.policy import Viewer
from tabadul.service import NotFound, Tabadul
from tabadul.service.dossier import Brief, GroupDossier, LinkedRecord, NoticeBrief, PersonDossier
from tabadul.service.sharing import RuleIn
from tabadul.store.tables import AuditEvent
from tests.factory import OPERATOR, World, document, group, link, person, world

DZ = "DZ-NCB"
BORDER = Purpose.BORDER_CONTROL
GROUP_NAME = "Sand Vipers Network"


def antecedent(external_id: str = "a-1", of: str = "p-1") -> AntecedentIn:
    return AntecedentIn(
        external_id=external_id,
        person=of,
        offence_category="smuggling",
        judicial_status="charged",
    )


def notice(external_id: str = "n-1", subject: str = "p-1") -> NoticeIn:
    return NoticeIn(
        external_id=external_id,
        subject=subject,
        notice_type="wanted",
        status="published",
        title="Wanted for arms trafficking",
        action="Arrest and inform the issuing bureau",
    )


def setup(app: Tabadul) -> World:
    """DZ's person p-1 with a document, an antecedent, a notice and a link to group g-1;
    a second person p-2 linked to the group too."""
    w = world(app)
    save = app.records.save
    save(w.dz_bureau, person(aliases=("يوسف بن عمراني",)), create=True)
    save(w.dz_bureau, person("p-2", name="Amina Kaci"), create=True)
    save(w.dz_bureau, document(), create=True)
    save(w.dz_bureau, antecedent(), create=True)
    save(w.dz_bureau, notice(), create=True)
    save(w.dz_bureau, group(name=GROUP_NAME), create=True)
    save(w.dz_bureau, link(), create=True)
    save(w.dz_bureau, link("l-2", source="p-2", target="g-1"), create=True)
    return w


def deny(app: Tabadul, external_id: str, agency: str = "MA-NCB") -> None:
    """The owner's own rule on one record: nothing for ``agency``."""
    app.sharing.set_record(
        OPERATOR,
        owner=DZ,
        external_id=external_id,
        rules=[RuleIn(subject="agency", code=agency, level=V.NONE)],
    )


def ids_in(dossier: PersonDossier | GroupDossier) -> set[str]:
    """Every external id a dossier shows, references included."""
    found: set[str] = set()
    if isinstance(dossier, PersonDossier):
        found.add(dossier.person.external_id)
        for doc in dossier.documents:
            found |= {doc.external_id, *([doc.holder] if doc.holder else [])}
        for ante in dossier.antecedents:
            found |= {ante.external_id, ante.person}
        for note in dossier.notices:
            found |= {note.external_id, *([note.subject] if note.subject else [])}
        found |= {g.external_id for g in dossier.groups}
    else:
        found.add(dossier.group.external_id)
        found |= {m.external_id for m in dossier.members}
    for x in dossier.links:
        found |= {x.link.external_id, x.link.source, x.link.target, x.other.external_id}
    return found


def view_entries(app: Tabadul) -> list[AuditEvent]:
    with app.transaction() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == "record_view").order_by(AuditEvent.id)
            )
        )


def test_the_owner_sees_every_related_record(app: Tabadul) -> None:
    w = setup(app)
    dossier = app.dossiers.person(w.dz_officer, owner=DZ, external_id="p-1")
    assert dossier.person == app.records.get(w.dz_officer, owner=DZ, external_id="p-1")
    assert [d.external_id for d in dossier.documents] == ["d-1"]
    assert [a.external_id for a in dossier.antecedents] == ["a-1"]
    assert [n.external_id for n in dossier.notices] == ["n-1"]
    the_group = LinkedRecord(
        kind=RecordKind.GROUP, owner=DZ, external_id="g-1", label=GROUP_NAME, handling_code="H0"
    )
    [entry] = dossier.links
    assert (entry.link.external_id, entry.other, entry.outgoing) == ("l-1", the_group, True)
    assert dossier.groups == [the_group]
    # another agency under the default rules (everything full) sees the same
    assert app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1") == dossier


def test_a_hidden_person_answers_like_records_get(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(w.dz_bureau, owner=DZ, external_id="p-1", visibility=V.NONE)
    with pytest.raises(NotFound) as expected:
        app.records.get(w.ma_officer, owner=DZ, external_id="p-1")
    with pytest.raises(NotFound) as hidden:
        app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1")
    with pytest.raises(NotFound) as missing:
        app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-9")
    assert str(hidden.value) == str(expected.value)
    assert str(hidden.value).replace("p-1", "X") == str(missing.value).replace("p-9", "X")
    assert app.dossiers.person(w.dz_officer, owner=DZ, external_id="p-1")  # the owner still
    # and the group page does not name the hidden person either
    members = app.dossiers.group(w.ma_officer, owner=DZ, external_id="g-1").members
    assert [m.external_id for m in members] == ["p-2"]


def test_a_page_of_the_wrong_kind_is_not_found(app: Tabadul) -> None:
    w = setup(app)
    with pytest.raises(NotFound, match="is a group"):
        app.dossiers.person(w.ma_officer, owner=DZ, external_id="g-1")
    with pytest.raises(NotFound, match="is a person"):
        app.dossiers.group(w.ma_officer, owner=DZ, external_id="p-1")


def test_a_hidden_group_takes_its_links_along(app: Tabadul) -> None:
    w = setup(app)
    deny(app, "g-1")
    dossier = app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1")
    assert dossier.links == [] and dossier.groups == []
    assert [d.external_id for d in dossier.documents] == ["d-1"]
    assert "g-1" not in ids_in(dossier) and "l-1" not in ids_in(dossier)
    # the owner still sees both
    mine = app.dossiers.person(w.dz_officer, owner=DZ, external_id="p-1")
    assert [g.external_id for g in mine.groups] == ["g-1"]


def test_a_hidden_link_hides_the_group_it_leads_to(app: Tabadul) -> None:
    w = setup(app)
    deny(app, "l-1")
    dossier = app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1")
    assert dossier.links == [] and dossier.groups == []
    group_page = app.dossiers.group(w.ma_officer, owner=DZ, external_id="g-1")
    assert [x.link.external_id for x in group_page.links] == ["l-2"]
    assert [m.external_id for m in group_page.members] == ["p-2"]


def test_a_hidden_notice_is_absent_from_the_dossier_and_the_briefs(app: Tabadul) -> None:
    w = setup(app)
    deny(app, "n-1")
    assert app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1").notices == []
    briefs = app.dossiers.briefs(w.ma_officer, [(DZ, "p-1")], purpose=BORDER)
    assert briefs[(DZ, "p-1")].notices == []
    # the owner sees it in both
    assert len(app.dossiers.person(w.dz_officer, owner=DZ, external_id="p-1").notices) == 1
    mine = app.dossiers.briefs(w.dz_officer, [(DZ, "p-1")], purpose=BORDER)
    assert [n.external_id for n in mine[(DZ, "p-1")].notices] == ["n-1"]


def test_purpose_limited_records_need_the_purpose(app: Tabadul) -> None:
    w = setup(app)
    app.sharing.set_record(
        w.dz_bureau, owner=DZ, external_id="a-1", purposes=[Purpose.COUNTER_TERRORISM]
    )
    assert app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1").antecedents == []
    found = app.dossiers.person(
        w.ma_officer, owner=DZ, external_id="p-1", purpose=Purpose.COUNTER_TERRORISM
    )
    assert [a.external_id for a in found.antecedents] == ["a-1"]


def test_briefs_answer_only_for_persons_the_viewer_may_view(app: Tabadul) -> None:
    w = setup(app)
    app.records.save(w.dz_bureau, person("p-3", name="Hidden Person"), create=True)
    app.records.save(
        w.dz_bureau, person("p-4", name="Hit Only", visibility="hit_only"), create=True
    )
    deny(app, "p-3")
    refs = [
        (DZ, "p-1"),
        ("dz-ncb", "p-2"),  # keyed as given
        (DZ, "p-3"),  # denied
        (DZ, "p-4"),  # hit-only: not in full
        (DZ, "p-9"),  # missing
        (DZ, "g-1"),  # not a person
        ("MA-NCB", "p-1"),  # another owner's reference
    ]
    briefs = app.dossiers.briefs(w.ma_officer, refs, purpose=BORDER)
    assert set(briefs) == {(DZ, "p-1"), ("dz-ncb", "p-2")}
    assert briefs[(DZ, "p-1")] == Brief(
        owner=DZ,
        external_id="p-1",
        names=[
            ("Youcef Ben Amrani", Script.LATIN, NameKind.PRIMARY),
            ("يوسف بن عمراني", Script.ARABIC, NameKind.ALIAS),
        ],
        birth_dates=["1984-06-02"],
        nationalities=["DZ"],
        notices=[
            NoticeBrief(
                owner=DZ,
                external_id="n-1",
                notice_type=NoticeType.WANTED,
                status=NoticeStatus.PUBLISHED,
                title="Wanted for arms trafficking",
                action="Arrest and inform the issuing bureau",
            )
        ],
    )
    assert briefs[("dz-ncb", "p-2")].notices == []
    assert app.dossiers.briefs(w.ma_officer, [], purpose=BORDER) == {}
    assert set(app.dossiers.briefs(w.dz_officer, refs, purpose=BORDER)) == {
        (DZ, "p-1"),
        ("dz-ncb", "p-2"),
        (DZ, "p-3"),
        (DZ, "p-4"),
    }


def test_group_dossier_lists_its_members(app: Tabadul) -> None:
    w = setup(app)
    app.records.save(w.dz_bureau, group("g-2", name="Dune Couriers"), create=True)
    app.records.save(w.dz_bureau, link("l-3", source="g-1", target="g-2"), create=True)
    app.records.save(w.dz_bureau, link("l-4", source="p-1", target="g-1"), create=True)  # again
    dossier = app.dossiers.group(w.ma_officer, owner=DZ, external_id="g-1")
    assert dossier.group.name == GROUP_NAME
    assert [(x.link.external_id, x.other.external_id, x.outgoing) for x in dossier.links] == [
        ("l-1", "p-1", False),
        ("l-2", "p-2", False),
        ("l-3", "g-2", True),
        ("l-4", "p-1", False),
    ]
    assert dossier.members == [  # each once, labelled with the primary name
        LinkedRecord(RecordKind.PERSON, DZ, "p-1", "Youcef Ben Amrani", "H0"),
        LinkedRecord(RecordKind.PERSON, DZ, "p-2", "Amina Kaci", "H0"),
    ]
    deny(app, "p-2")
    dossier = app.dossiers.group(w.ma_officer, owner=DZ, external_id="g-1")
    assert [m.external_id for m in dossier.members] == ["p-1"]
    assert "p-2" not in ids_in(dossier) and "l-2" not in ids_in(dossier)


def test_pages_are_audited_and_briefs_are_not(app: Tabadul) -> None:
    w = setup(app)
    deny(app, "n-1")
    before = len(view_entries(app))
    app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-1", purpose=BORDER)
    app.dossiers.group(w.ma_officer, owner=DZ, external_id="g-1")
    person_entry, group_entry = view_entries(app)[before:]
    assert (person_entry.actor, person_entry.agency, person_entry.purpose) == (
        "ma.officer",
        "MA-NCB",
        "border-control",
    )
    assert person_entry.targets == [f"{DZ}/{x}" for x in ("p-1", "d-1", "a-1", "l-1")]
    assert group_entry.targets == [f"{DZ}/{x}" for x in ("g-1", "l-1", "l-2")]
    with app.transaction() as session:
        count = session.scalar(select(func.count()).select_from(AuditEvent))
    app.dossiers.briefs(w.ma_officer, [(DZ, "p-1"), (DZ, "p-2")], purpose=BORDER)
    with app.transaction() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == count
    with pytest.raises(NotFound):  # a refused page leaves no view entry
        app.dossiers.person(w.ma_officer, owner=DZ, external_id="p-9")
    assert len(view_entries(app)) == before + 2


# -- property: nothing the rules hide ever shows ------------------------------------------


@dataclass(frozen=True)
class Share:
    """One record's sharing in an example: base visibility, an own rule for MA (or the
    agency defaults), and a purpose limit."""

    base: V
    ma_rule: V | None
    counter_terrorism_only: bool


# p-1 and p-2 persons; d-1 held by p-1; a-1 of p-1; n-1 on p-1, n-2 on p-2; g-1 a group;
# l-1 p-1 -> g-1, l-2 p-2 -> g-1, l-3 p-1 -> p-2.
RECORDS = ("p-1", "p-2", "d-1", "a-1", "n-1", "n-2", "g-1", "l-1", "l-2", "l-3")
shares = st.builds(
    Share,
    base=st.sampled_from(list(V)),
    ma_rule=st.none() | st.sampled_from(list(V)),
    counter_terrorism_only=st.booleans(),
)


def _related_world(app: Tabadul) -> World:
    w = setup(app)  # p-1, p-2, d-1, a-1, n-1, g-1, l-1, l-2
    app.records.save(w.dz_bureau, notice("n-2", subject="p-2"), create=True)
    app.records.save(w.dz_bureau, link("l-3", source="p-1", target="p-2"), create=True)
    return w


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sharing=st.fixed_dictionaries({ext: shares for ext in RECORDS}),
    who=st.sampled_from(["dz", "ma", "sec"]),
    purpose=st.none() | st.sampled_from([BORDER, Purpose.COUNTER_TERRORISM]),
)
def test_nothing_hidden_ever_appears(
    app: Tabadul, sharing: dict[str, Share], who: str, purpose: Purpose | None
) -> None:
    if not app.directory.agencies():
        _related_world(app)
    for ext, share in sharing.items():
        app.sharing.set_record(
            OPERATOR,
            owner=DZ,
            external_id=ext,
            visibility=share.base,
            rules=(
                [RuleIn(subject="agency", code="MA-NCB", level=share.ma_rule)]
                if share.ma_rule is not None
                else None
            ),
            use_agency_defaults=share.ma_rule is None,
            purposes=[Purpose.COUNTER_TERRORISM] if share.counter_terrorism_only else None,
            clear_purposes=not share.counter_terrorism_only,
        )
    viewer: Viewer = app.directory.viewer(
        {"dz": "dz.officer", "ma": "ma.officer", "sec": "sec.compliance"}[who]
    )

    def viewable(given: Purpose | None) -> set[str]:
        found = set()
        for ext in RECORDS:
            try:
                app.records.get(viewer, owner=DZ, external_id=ext, purpose=given)
                found.add(ext)
            except NotFound:
                pass
        return found

    allowed = viewable(purpose)
    shown: set[str] = set()
    pages = [("p-1", app.dossiers.person), ("p-2", app.dossiers.person)]
    for ext, page in [*pages, ("g-1", app.dossiers.group)]:
        try:
            dossier = page(viewer, owner=DZ, external_id=ext, purpose=purpose)
        except NotFound:
            assert ext not in allowed
            continue
        assert ext in allowed
        shown |= ids_in(dossier)
        # and nothing visible is missing: a dependent record shows when it and all it
        # names are visible
        if isinstance(dossier, PersonDossier) and ext == "p-1":
            for dep, kind in (("d-1", dossier.documents), ("a-1", dossier.antecedents)):
                assert (dep in allowed) == any(r.external_id == dep for r in kind)
            assert ("n-1" in allowed) == bool(dossier.notices)
            for lid, other in (("l-1", "g-1"), ("l-3", "p-2")):
                assert (lid in allowed and other in allowed) == any(
                    x.link.external_id == lid for x in dossier.links
                )
    assert shown <= allowed, shown - allowed

    brief_purpose = purpose or BORDER
    brief_allowed = viewable(brief_purpose)
    briefs = app.dossiers.briefs(viewer, [(DZ, ext) for ext in RECORDS], purpose=brief_purpose)
    in_briefs = {ext for _, ext in briefs} | {
        n.external_id for b in briefs.values() for n in b.notices
    }
    assert in_briefs <= brief_allowed, in_briefs - brief_allowed
    assert set(briefs) == {(DZ, ext) for ext in ("p-1", "p-2") if ext in brief_allowed}
