"""The bureau's pages: its agency's records, their sharing (with a preview of who will
see what), the hits other agencies had on them, release requests, and the records due
for review.

Every page reads and changes through the service layer, which decides who may do
what: the pages only choose what to offer (a decision form for those whose role may
decide), and a refused action answers with the error page whatever the page offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil
from typing import Annotated, TypedDict
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query
from fastapi.responses import Response
from pydantic import ValidationError

from tabadul.domain.enums import Purpose, Role, Visibility
from tabadul.service import InvalidInput
from tabadul.service.records import RecordFilter
from tabadul.service.releases import ReleaseInfo
from tabadul.service.sharing import AgencyView, RecordSharing, RuleIn
from tabadul.web.i18n import N_
from tabadul.web.page import NOTICES, Page, UserPage, form_errors

__all__ = ["router"]

router = APIRouter()

NOTICES.update(
    {
        "sharing-saved": N_("The sharing is saved. It applies from now on."),
        "release-released": N_("The record is released to the agency that asked."),
        "release-refused": N_("The request is refused; the agency that asked is told."),
        "renewed": N_("The record is renewed; its new review date is shown below."),
    }
)

PAGE_SIZE = 25
"""Records per page of the agency's list."""

DUE_WITHIN_DAYS = 30
"""The retention page lists records due for review within this many days, or past."""

SUBJECTS = ("agency", "member", "region")

_CHOOSE_VISIBILITY = N_("Choose full record, hit only or nothing.")
_CHOOSE_RULES_FROM = N_("Choose the record's own rules or the agency defaults.")
_CHOOSE_SUBJECT = N_("Choose agency, member country or region.")
_CHOOSE_LEVEL = N_("Choose full record, hit only or nothing.")
_CODE_LENGTH = N_("Write a code of 2 to 32 characters, such as MA-NCB, MA or MAGHREB.")
_CHOOSE_PURPOSE = N_("Choose purposes from the list.")
_CHOOSE_ACTION = N_("Use the Preview or the Save button.")
_BAD_ROWS = N_("The rules were not sent whole. Open the page again.")
_CHOOSE_DECISION = N_("Choose to release or to refuse.")


def _record_url(owner: str, external_id: str) -> str:
    return f"/records/{quote(owner)}/{quote(external_id)}"


def _sharing_url(owner: str, external_id: str) -> str:
    return f"/bureau/sharing/{quote(owner)}/{quote(external_id)}"


# -- my agency's records ------------------------------------------------------------------


@router.get("/bureau/records")
def our_records(
    page: UserPage,
    q: Annotated[str, Query(max_length=200)] = "",
    number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
) -> Response:
    """The agency's records, oldest first, with a name filter (any script)."""
    viewer = page.user
    found = page.app.records.page(
        viewer,
        RecordFilter(owner=viewer.agency_code, name=q.strip() or None),
        offset=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    pages = max(1, ceil(found.total / PAGE_SIZE))

    def at(n: int) -> str:
        query = {"page": str(n), **({"q": q} if q else {})}
        return "/bureau/records?" + urlencode(query)

    return page.render(
        "bureau/records.html",
        q=q,
        found=found,
        number=number,
        pages=pages,
        previous=at(number - 1) if number > 1 else None,
        next_page=at(number + 1) if number < pages else None,
    )


# -- sharing -------------------------------------------------------------------------------


@dataclass
class RuleRow:
    """One row of the rules table as the form shows it (values as typed)."""

    subject: str
    code: str
    level: str
    removed: bool = False


@dataclass
class SharingForm:
    """The sharing form's values: from the record (GET) or as sent (POST)."""

    visibility: str
    rules_from: str  # "own" or "defaults"
    rules: list[RuleRow]
    purposes: list[str]
    errors: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, sharing: RecordSharing) -> SharingForm:
        return cls(
            visibility=sharing.visibility.value,
            rules_from="own" if sharing.own_rules else "defaults",
            rules=[RuleRow(r.subject, r.code, r.level.value) for r in sharing.rules],
            purposes=[p.value for p in sharing.purposes or []],
        )

    @property
    def rows(self) -> list[RuleRow]:
        """The rows to show: every row as typed (so that an error's row number stays
        that row), then an empty one to add a rule, unless the last row is empty."""
        if self.rules and not self.rules[-1].code.strip():
            return self.rules
        return [*self.rules, RuleRow("agency", "", Visibility.FULL.value)]


class ChangeArguments(TypedDict):
    """A valid form as the keyword arguments of ``Sharing.set_record`` and
    ``Sharing.preview``, after the viewer."""

    owner: str
    external_id: str
    visibility: Visibility
    rules: list[RuleIn] | None
    use_agency_defaults: bool
    purposes: list[Purpose] | None
    clear_purposes: bool


@dataclass(frozen=True)
class SharingChange:
    """A valid form's change; ``rows`` maps each rule's position in ``rules`` to its
    row of the form (to name the field of an error the service finds)."""

    visibility: Visibility
    rules: list[RuleIn] | None
    use_agency_defaults: bool
    purposes: list[Purpose]
    rows: list[int]

    def arguments(self, sharing: RecordSharing) -> ChangeArguments:
        return ChangeArguments(
            owner=sharing.owner,
            external_id=sharing.external_id,
            visibility=self.visibility,
            rules=self.rules,
            use_agency_defaults=self.use_agency_defaults,
            purposes=self.purposes or None,
            clear_purposes=not self.purposes,
        )


def _parse_sharing(
    page: Page,
    *,
    visibility: str,
    rules_from: str,
    subjects: list[str],
    codes: list[str],
    levels: list[str],
    removed: list[str],
    purposes: list[str],
) -> tuple[SharingForm, SharingChange | None]:
    """The form as sent, and the change it asks for (None when a field is wrong: the
    form's ``errors`` name each one, by the id of its field)."""
    form = SharingForm(
        visibility=visibility,
        rules_from=rules_from,
        rules=[
            RuleRow(s, c, lv, removed=str(i) in removed)
            for i, (s, c, lv) in enumerate(zip(subjects, codes, levels, strict=False))
        ],
        purposes=purposes,
    )
    errors = form.errors

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(page.gettext(message))

    if visibility not in {v.value for v in Visibility}:
        fail("visibility", _CHOOSE_VISIBILITY)
    if rules_from not in {"own", "defaults"}:
        fail("rules_from", _CHOOSE_RULES_FROM)
    if not len(subjects) == len(codes) == len(levels):
        fail("rules", _BAD_ROWS)
    if any(p not in {x.value for x in Purpose} for p in purposes):
        fail("purposes", _CHOOSE_PURPOSE)
    rules: list[RuleIn] = []
    rows: list[int] = []
    if rules_from == "own":
        for index, row in enumerate(form.rules):
            code = row.code.strip()
            if row.removed or not code:
                continue  # a removed row, or the empty row left empty
            ok = True
            if row.subject not in SUBJECTS:
                fail(f"rule-{index}-subject", _CHOOSE_SUBJECT)
                ok = False
            if row.level not in {v.value for v in Visibility}:
                fail(f"rule-{index}-level", _CHOOSE_LEVEL)
                ok = False
            if not 2 <= len(code) <= 32:
                fail(f"rule-{index}-code", _CODE_LENGTH)
                ok = False
            if ok:
                try:
                    rules.append(
                        RuleIn.model_validate(
                            {"subject": row.subject, "code": code, "level": row.level}
                        )
                    )
                except ValidationError:
                    fail(f"rule-{index}-code", _CODE_LENGTH)
                    continue
                rows.append(index)
    if errors:
        return form, None
    return form, SharingChange(
        visibility=Visibility(visibility),
        rules=rules if rules_from == "own" else None,
        use_agency_defaults=rules_from == "defaults",
        purposes=sorted({Purpose(p) for p in purposes}),
        rows=rows,
    )


def _service_errors(exc: InvalidInput, rows: list[int]) -> dict[str, list[str]]:
    """The service's field errors under the ids of the form's fields: a rule's
    ``("rules", i, "code")`` is the code of the form's row ``rows[i]``."""
    out: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = error.loc
        if len(loc) >= 3 and loc[0] == "rules" and isinstance(loc[1], int) and loc[1] < len(rows):
            name = f"rule-{rows[loc[1]]}-{loc[2]}"
        else:
            name = str(loc[0]) if loc else "rules"
        out.setdefault(name, []).append(error.message)
    return out


def _render_sharing(
    page: Page,
    sharing: RecordSharing,
    form: SharingForm,
    *,
    preview: list[AgencyView] | None = None,
    after_purposes: list[str] | None = None,
    status: int = 200,
) -> Response:
    return page.render(
        "bureau/sharing.html",
        status=status,
        sharing=sharing,
        form=form,
        errors=form.errors,
        action_url=_sharing_url(sharing.owner, sharing.external_id),
        record_url=_record_url(sharing.owner, sharing.external_id),
        agencies=page.app.directory.agencies(),
        regions=sorted(page.app.directory.regions()),
        preview=preview,
        before_purposes=[p.value for p in sharing.purposes or []],
        after_purposes=after_purposes or [],
        may_change=page.user.role in (Role.BUREAU, Role.ADMIN),
    )


@router.get("/bureau/sharing/{owner}/{external_id:path}")
def sharing_form(page: UserPage, owner: str, external_id: str) -> Response:
    """The record's sharing as a form (only its owner agency sees it)."""
    sharing = page.app.sharing.get(page.user, owner=owner, external_id=external_id)
    return _render_sharing(page, sharing, SharingForm.of(sharing))


@router.post("/bureau/sharing/{owner}/{external_id:path}")
def sharing_change(
    page: UserPage,
    owner: str,
    external_id: str,
    action: Annotated[str, Form(max_length=16)] = "",
    visibility: Annotated[str, Form(max_length=16)] = "",
    rules_from: Annotated[str, Form(max_length=16)] = "own",
    rule_subject: Annotated[list[str] | None, Form(max_length=16)] = None,
    rule_code: Annotated[list[str] | None, Form(max_length=64)] = None,
    rule_level: Annotated[list[str] | None, Form(max_length=16)] = None,
    rule_remove: Annotated[list[str] | None, Form(max_length=8)] = None,
    purposes: Annotated[list[str] | None, Form(max_length=64)] = None,
) -> Response:
    """``action=preview``: the same form, filled, with who would see what before and
    after (nothing stored). ``action=save``: the change, then the form again."""
    sharing = page.app.sharing.get(page.user, owner=owner, external_id=external_id)
    form, change = _parse_sharing(
        page,
        visibility=visibility,
        rules_from=rules_from,
        subjects=rule_subject or [],
        codes=rule_code or [],
        levels=rule_level or [],
        removed=rule_remove or [],
        purposes=purposes or [],
    )
    if action not in {"preview", "save"}:
        form.errors.setdefault("action", []).append(page.gettext(_CHOOSE_ACTION))
    if change is None or form.errors:
        return _render_sharing(page, sharing, form, status=422)
    arguments = change.arguments(sharing)
    views: list[AgencyView] = []
    try:
        if action == "preview":
            views = page.app.sharing.preview(page.user, **arguments)
        else:
            page.app.sharing.set_record(page.user, **arguments)
    except InvalidInput as exc:
        form.errors.update(_service_errors(exc, change.rows))
        return _render_sharing(page, sharing, form, status=422)
    if action == "save":
        return page.redirect(
            _sharing_url(sharing.owner, sharing.external_id), notice="sharing-saved"
        )
    return _render_sharing(
        page,
        sharing,
        form,
        preview=views,
        after_purposes=[p.value for p in change.purposes],
    )


# -- hits on our records -------------------------------------------------------------------


@router.get("/bureau/notifications")
def notifications(page: UserPage) -> Response:
    """Hits other agencies' screenings had on the agency's records, newest first."""
    hits = page.app.hits.notifications(page.user)
    return page.render("bureau/notifications.html", hits=list(reversed(hits)))


# -- release requests ----------------------------------------------------------------------


def _render_releases(
    page: Page,
    *,
    errors: dict[str, list[str]] | None = None,
    error_for: int | None = None,
    note: str = "",
    status: int = 200,
) -> Response:
    viewer = page.user
    every = page.app.releases.list(viewer)
    to_us = sorted(
        (r for r in every if r.owner == viewer.agency_code),
        key=lambda r: (r.status != "pending", r.id if r.status == "pending" else -r.id),
    )
    by_us = sorted(
        (r for r in every if r.requesting_agency == viewer.agency_code), key=lambda r: -r.id
    )
    return page.render(
        "bureau/releases.html",
        status=status,
        to_us=to_us,
        by_us=by_us,
        may_decide=viewer.role in (Role.BUREAU, Role.ADMIN),
        errors=errors or {},
        error_for=error_for,
        typed_note=note,
    )


@router.get("/bureau/releases")
def releases(page: UserPage) -> Response:
    """Requests to release the agency's records (pending first), and its own requests."""
    return _render_releases(page)


@router.post("/bureau/releases/{request_id}/decide")
def decide_release(
    page: UserPage,
    request_id: int,
    decision: Annotated[str, Form(max_length=16)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Release the record to the agency that asked, or refuse (the owner's bureau)."""
    if decision not in {"release", "refuse"}:
        return _render_releases(
            page,
            errors={"decision": [page.gettext(_CHOOSE_DECISION)]},
            error_for=request_id,
            note=note,
            status=422,
        )
    done: ReleaseInfo = page.app.releases.decide(
        page.user, request_id, release=decision == "release", note=note
    )
    return page.redirect("/bureau/releases", notice=f"release-{done.status}")


# -- retention -----------------------------------------------------------------------------


def _render_retention(
    page: Page,
    *,
    errors: dict[str, list[str]] | None = None,
    error_for: tuple[str, str] | None = None,
    reason: str = "",
    status: int = 200,
) -> Response:
    viewer = page.user
    due = page.app.retention.due(viewer, agency=viewer.agency_code, within_days=DUE_WITHIN_DAYS)
    return page.render(
        "bureau/retention.html",
        status=status,
        due=due,
        within_days=DUE_WITHIN_DAYS,
        may_renew=viewer.role in (Role.BUREAU, Role.ADMIN),
        errors=errors or {},
        error_for=error_for,
        typed_reason=reason,
    )


@router.get("/bureau/retention")
def retention(page: UserPage) -> Response:
    """The agency's records whose review date is past or near, each with a renewal."""
    return _render_retention(page)


@router.post("/bureau/retention/renew")
def renew(
    page: UserPage,
    owner: Annotated[str, Form(max_length=64)] = "",
    record_id: Annotated[str, Form(max_length=400)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Renew a record for the configured years, with the reason (audited)."""
    try:
        page.app.retention.renew(page.user, owner=owner, external_id=record_id, reason=reason)
    except InvalidInput as exc:
        return _render_retention(
            page,
            errors=form_errors(exc, ("owner", "record_id", "reason"), "reason"),
            error_for=(owner, record_id),
            reason=reason,
            status=422,
        )
    return page.redirect("/bureau/retention", notice="renewed")
