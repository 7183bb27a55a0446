"""Record pages: a person or a group with what the viewer may see of everything related
to it, handling codes always shown, and nothing the rules hide — not even as a count."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tabadul.domain.enums import Purpose
from tabadul.domain.enums import Visibility as V
from tabadul.model.records import AntecedentIn, NoticeIn, PersonIn
from tabadul.service import Tabadul
from tabadul.service.sharing import RuleIn
from tests.factory import OPERATOR, document, group, link, person
from tests.web.conftest import WebClient

DZ = "DZ-NCB"
ARABIC = "يوسف بن عمراني"
GROUP_NAME = "Sand Vipers Network"

Browser = Callable[[str], WebClient]


def notice(external_id: str, *, title: str, action: str, subject: str = "p-1") -> NoticeIn:
    return NoticeIn(
        external_id=external_id,
        subject=subject,
        notice_type="wanted",
        status="published",
        title=title,
        action=action,
    )


def save(app: Tabadul, *records: object) -> None:
    for record in records:
        app.records.save(OPERATOR, record, owner=DZ, create=True)  # type: ignore[arg-type]


def deny_ma(app: Tabadul, external_id: str) -> None:
    app.sharing.set_record(
        OPERATOR,
        owner=DZ,
        external_id=external_id,
        rules=[RuleIn(subject="agency", code="MA-NCB", level=V.NONE)],
    )


def dossier_world(app: Tabadul) -> None:
    """DZ's person p-1 (with an Arabic alias) holding a document, with an antecedent, a
    notice and a link to group g-1; a second person p-2 in the group."""
    save(
        app,
        person(
            "p-1",
            "Youcef Ben Amrani",
            aliases=(ARABIC,),
            birth_dates=("1984-06",),
            nationalities=("DZ",),
            gender="male",
            identifiers=[{"kind": "national_id", "number": "DZ-778-1234"}],
        ),
        person("p-2", "Amina Kaci"),
        document("d-1", holder="p-1"),
        AntecedentIn(
            external_id="a-1",
            person="p-1",
            offence_category="arms_trafficking",
            judicial_status="charged",
            case_reference="TRIB-ORAN-2019-44",
        ),
        notice("n-1", title="Wanted for arms trafficking", action="Arrest and call Algiers"),
        group("g-1", name=GROUP_NAME, countries=["DZ", "ML"], aliases=["Al-Afa'a"]),
        link("l-1", source="p-1", target="g-1"),
        link("l-2", source="p-2", target="g-1"),
    )


def section(html: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', html, re.S)
    assert found, f"no section {section_id}"
    return found.group(1)


def test_a_person_page_shows_everything_related(app: Tabadul, browser_for: Browser) -> None:
    dossier_world(app)
    page = browser_for("ma.officer").get("/records/DZ-NCB/p-1")
    assert page.status_code == 200
    html = page.text
    # the handling code and the owner at the top, before the name
    assert html.index('id="handling"') < html.index("<h1>")
    assert 'class="handling handling-h0"' in section_like(html, "handling")
    names = section(html, "names")
    assert "<h1>" in names and "Youcef Ben Amrani" in names
    assert f'<bdi lang="ar" dir="rtl" class="name">{ARABIC}</bdi>' in names
    assert "alias" in names
    identity = section(html, "identity")
    assert "Jun 1984" in identity and "Algeria" in identity and "male" in identity
    assert "DZ-778-1234" in identity
    assert "AB 123 456" in section(html, "documents")
    antecedents = section(html, "antecedents")
    assert "arms trafficking" in antecedents and "TRIB-ORAN-2019-44" in antecedents
    notices = section(html, "notices")
    assert "wanted for arrest" in notices and "published" in notices
    assert "Arrest and call Algiers" in notices
    links = section(html, "links")
    assert "member of" in links and 'href="/records/DZ-NCB/g-1"' in links
    groups = section(html, "groups")
    assert GROUP_NAME in groups and 'href="/records/DZ-NCB/g-1"' in groups
    # each related record shows its handling code
    for part in ("documents", "antecedents", "notices", "links"):
        assert 'class="handling handling-h0"' in section(html, part), part


def section_like(html: str, element_id: str) -> str:
    found = re.search(rf'<div class="[^"]*" id="{element_id}">(.*?)</div>', html, re.S)
    assert found, f"no element {element_id}"
    return found.group(1)


def test_a_group_page_shows_members_and_links(app: Tabadul, browser_for: Browser) -> None:
    dossier_world(app)
    page = browser_for("dz.officer").get("/records/DZ-NCB/g-1")
    assert page.status_code == 200
    names = section(page.text, "names")
    assert GROUP_NAME in names and "Al-Afa&#39;a" in names
    identity = section(page.text, "identity")
    assert "criminal network" in identity and "Mali" in identity and "Algeria" in identity
    members = section(page.text, "members")
    assert "Youcef Ben Amrani" in members and "Amina Kaci" in members
    assert 'href="/records/DZ-NCB/p-2"' in members
    links = section(page.text, "links")
    assert links.count("to this record") == 2


def test_handling_conditions_are_at_the_top(app: Tabadul, browser_for: Browser) -> None:
    conditions = "Not to be shared with any third country"
    save(
        app,
        PersonIn.model_validate(
            {
                "external_id": "p-9",
                "names": [{"full_name": "Karim Zeroual"}],
                "sharing": {"handling_code": "H3", "handling_conditions": conditions},
            }
        ),
    )
    page = browser_for("ma.officer").get("/records/DZ-NCB/p-9")
    head = section_like(page.text, "handling")
    assert 'class="handling handling-h3"' in head and conditions in head
    assert page.text.index(conditions) < page.text.index("<h1>")


def test_a_hidden_record_answers_like_a_missing_one(app: Tabadul, browser_for: Browser) -> None:
    save(app, person("p-1", "Youcef Ben Amrani", visibility="none"), group("g-1"))
    app.sharing.set_record(OPERATOR, owner=DZ, external_id="g-1", visibility=V.NONE)
    web = browser_for("ma.officer")
    hidden, missing = web.get("/records/DZ-NCB/p-1"), web.get("/records/DZ-NCB/p-404")
    hidden_group = web.get("/records/DZ-NCB/g-1")
    assert hidden.status_code == missing.status_code == hidden_group.status_code == 404
    assert "Youcef" not in hidden.text
    assert hidden.text.replace("p-1", "X") == missing.text.replace("p-404", "X")
    assert hidden_group.text.replace("g-1", "X") == missing.text.replace("p-404", "X")
    assert browser_for("dz.officer").get("/records/DZ-NCB/p-1").status_code == 200


def test_a_hidden_notice_is_absent_and_not_counted(app: Tabadul, browser_for: Browser) -> None:
    dossier_world(app)
    secret = notice("n-2", title="Secret operation Falcon", action="Watch discreetly")
    save(app, secret)
    deny_ma(app, "n-2")
    web = browser_for("ma.officer")
    page = web.get("/records/DZ-NCB/p-1").text
    notices = section(page, "notices")
    assert "Arrest and call Algiers" in notices  # the visible one
    for trace in ("Falcon", "Watch discreetly", "n-2"):
        assert trace not in page, trace
    # the owner sees both
    mine = section(browser_for("dz.officer").get("/records/DZ-NCB/p-1").text, "notices")
    assert "Falcon" in mine and "Arrest and call Algiers" in mine
    # not even as a count: the page is the page of a person without that notice
    app.records.delete(OPERATOR, owner=DZ, external_id="n-2")
    assert web.get("/records/DZ-NCB/p-1").text == page


def test_sections_with_nothing_visible_say_so(app: Tabadul, browser_for: Browser) -> None:
    dossier_world(app)
    for external_id in ("d-1", "a-1", "n-1", "l-1"):
        deny_ma(app, external_id)
    page = browser_for("ma.officer").get("/records/DZ-NCB/p-1").text
    assert "No travel document you may see." in section(page, "documents")
    assert "No antecedent you may see." in section(page, "antecedents")
    assert "No notice you may see." in section(page, "notices")
    assert "No link you may see." in section(page, "links")
    # the group is reached only through the hidden link: not shown either
    assert "No group you may see." in section(page, "groups")
    for trace in ("AB 123 456", "TRIB-ORAN", "Arrest and call", GROUP_NAME, "l-1"):
        assert trace not in page, trace
    assert not re.search(r"\b[1-9]\d* (hidden|more|other)", page)


def test_the_purpose_is_passed_to_the_dossier(app: Tabadul, browser_for: Browser) -> None:
    dossier_world(app)
    app.sharing.set_record(
        OPERATOR, owner=DZ, external_id="p-1", purposes=[Purpose.COUNTER_TERRORISM]
    )
    web = browser_for("ma.officer")
    assert web.get("/records/DZ-NCB/p-1").status_code == 404
    assert web.get("/records/DZ-NCB/p-1?purpose=border-control").status_code == 404
    page = web.get("/records/DZ-NCB/p-1?purpose=counter-terrorism")
    assert page.status_code == 200
    # links to other records keep the purpose
    assert 'href="/records/DZ-NCB/g-1?purpose=counter-terrorism"' in page.text
    assert "counter-terrorism" in section_like(page.text, "handling")
    bad = web.get("/records/DZ-NCB/p-1?purpose=curiosity")
    assert bad.status_code == 422 and "purpose" in bad.text


def test_a_record_of_another_kind_says_what_it_is(app: Tabadul, browser_for: Browser) -> None:
    dossier_world(app)
    page = browser_for("ma.officer").get("/records/DZ-NCB/d-1")
    assert page.status_code == 404 and "is a document" in page.text
    deny_ma(app, "d-1")
    hidden = browser_for("ma.officer").get("/records/DZ-NCB/d-1")
    assert hidden.status_code == 404 and "document" not in hidden.text


@pytest.mark.parametrize("login", ["dz.officer", "dz.bureau", "ma.officer", "sec.compliance"])
def test_every_role_reads_a_shared_record(app: Tabadul, browser_for: Browser, login: str) -> None:
    dossier_world(app)
    assert browser_for(login).get("/records/DZ-NCB/p-1").status_code == 200


def test_a_record_page_needs_a_login(app: Tabadul, anonymous: WebClient) -> None:
    dossier_world(app)
    answer = anonymous.get("/records/DZ-NCB/p-1")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
