"""Record pages: a person or a group with every related record the viewer may see.

What a page shows comes from the dossier (:class:`~tabadul.service.dossier.Dossiers`),
which reads each related record through the policy: a record the rules hide leaves no
entry, no count and no label here either. A record that is missing and one that is
hidden answer with the same 404 page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tabadul.domain.enums import NameKind, Purpose
from tabadul.service import FieldError, InvalidInput, NotFound
from tabadul.web.page import UserPage

__all__ = ["router"]

router = APIRouter()


def page_purpose(value: str) -> Purpose | None:
    """The purpose a record page is read for: none given, or one of the fixed list. A
    record limited to purposes shows only for one of them (exchange rule 4)."""
    if not value:
        return None
    try:
        return Purpose(value)
    except ValueError:
        raise InvalidInput([FieldError(("purpose",), "choose a purpose from the list")]) from None


@router.get("/records/{owner}/{external_id:path}")
def record_page(
    page: UserPage,
    owner: str,
    external_id: str,
    purpose: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """A person's page or a group's page, whichever the record is.

    The dossier answers :class:`NotFound` for a record of another kind, and only once
    the viewer may see the record; so the page first reads it as a person, then as a
    group, and the group's answer is the one shown: the same words for a missing and a
    hidden record, and for one the viewer may see that is neither (a document, a
    notice), a 404 that says what it is."""
    chosen = page_purpose(purpose)
    try:
        person = page.app.dossiers.person(
            page.user, owner=owner, external_id=external_id, purpose=chosen
        )
    except NotFound:
        pass
    else:
        names = person.person.names
        primary = next((n for n in names if n.kind is NameKind.PRIMARY), names[0])
        return page.render(
            "record_person.html",
            dossier=person,
            record=person.person,
            primary=primary,
            others=[n for n in names if n is not primary],
            purpose=chosen.value if chosen else "",
        )
    group = page.app.dossiers.group(page.user, owner=owner, external_id=external_id, purpose=chosen)
    return page.render(
        "record_group.html",
        dossier=group,
        record=group.group,
        purpose=chosen.value if chosen else "",
    )
