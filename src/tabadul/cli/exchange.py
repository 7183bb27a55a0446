"""``tabadul search``, ``release``, ``hits`` and ``retention``: the exchange between
agencies. Tables for people, ``--json`` (a list) for scripts."""

from __future__ import annotations

import dataclasses
from typing import Annotated, cast, get_args

import typer

from tabadul.cli._common import console, installation, service_errors, viewer_for
from tabadul.cli._present import (
    AsUser,
    IdArg,
    JsonOut,
    OwnerArg,
    one_of,
    print_json,
    show_table,
    when,
)

__all__ = ["hits_app", "release_app", "retention_app", "search"]
from tabadul.domain.enums import Purpose, Visibility
from tabadul.service.hits import HIT_ONLY_FIELDS, HitInfo, Outcome
from tabadul.service.releases import ReleaseInfo, Status
from tabadul.service.search import THRESHOLD, SearchResult

# -- search ----------------------------------------------------------------------------


def _search_row(r: SearchResult) -> tuple[object, ...]:
    if r.access is Visibility.HIT_ONLY:
        note = f"hit-only: ask {r.owner} ({r.owner_name}) to release"
        return (r.record_id, r.owner, "", "", note, r.handling_code, r.hit_id)
    return (r.record_id, r.owner, r.kind, r.score, r.matched_name, r.handling_code, r.hit_id)


def search(
    name: Annotated[str, typer.Argument(help="The name sought, in any script.")],
    purpose: Annotated[Purpose, typer.Option(help="Why you search (exchange rule 4).")],
    limit: Annotated[int, typer.Option(min=1, max=200, help="Most results shown.")] = 20,
    as_user: AsUser = None,
    json_out: JsonOut = False,
) -> None:
    """Search persons and groups by name, in any script and spelling, for a declared
    purpose: persons are screened on the name alone, groups scored the same way.

    Hit-only records appear only when they match, with their reference, owner and
    handling code: ask the owner to release them. Every hit notifies the owner."""
    with installation(migrate=True) as app, service_errors():
        results = app.search.names(
            viewer_for(app, as_user), name=name, purpose=purpose, limit=limit
        )
    if json_out:
        print_json(
            {k: v for k, v in dataclasses.asdict(r).items() if k in HIT_ONLY_FIELDS}
            if r.access is Visibility.HIT_ONLY
            else r
            for r in results
        )
        return
    show_table(
        "Record|Owner|Kind|Score|Name / what to do|Handling|Hit",
        (_search_row(r) for r in results),
        empty="no results",
        title=f"search for {purpose.value} (a hit scores {THRESHOLD} or more)",
    )
    if any(r.hit_id for r in results):
        console.print("each hit was notified to its owner: tabadul hits confirm|reject HIT_ID")


# -- release requests ------------------------------------------------------------------

release_app = typer.Typer(
    help="Release requests: ask an owner for a record you see hit-only; answer them.",
    no_args_is_help=True,
)


def _release_line(r: ReleaseInfo) -> str:
    return (
        f"release request {r.id} for {r.owner}/{r.record_id} by {r.requesting_agency}: {r.status}"
    )


@release_app.command("request")
def release_request(
    owner: OwnerArg,
    external_id: IdArg,
    reason: Annotated[str, typer.Option(help="Why you need the record.")],
    purpose: Annotated[Purpose, typer.Option(help="The purpose you need it for.")],
    as_user: AsUser = None,
) -> None:
    """Ask the owner to release a record you see hit-only."""
    with installation(migrate=True) as app, service_errors():
        info = app.releases.request(
            viewer_for(app, as_user),
            owner=owner,
            external_id=external_id,
            reason=reason,
            purpose=purpose,
        )
    console.print(_release_line(info))


@release_app.command("list")
def release_list(
    status: Annotated[
        str | None,
        one_of(get_args(Status), "Only those in this state."),
    ] = None,
    as_user: AsUser = None,
    json_out: JsonOut = False,
) -> None:
    """Requests on your agency's records (to answer) and by your agency (to follow)."""
    with installation(migrate=True) as app, service_errors():
        found = app.releases.list(viewer_for(app, as_user), status=cast("Status | None", status))
    if json_out:
        print_json(found)
        return
    show_table(
        "Id|Record|Requested by|At|Reason|Status|Decided by|Note",
        (
            (
                r.id,
                f"{r.owner}/{r.record_id}",
                f"{r.requested_by} ({r.requesting_agency})",
                when(r.requested_at),
                r.reason,
                r.status,
                r.decided_by,
                r.note,
            )
            for r in found
        ),
        empty="no release requests",
    )


@release_app.command("decide")
def release_decide(
    request_id: Annotated[int, typer.Argument(metavar="REQUEST_ID", help="The request's id.")],
    release: Annotated[
        bool, typer.Option("--release/--refuse", help="Release the record, or refuse.")
    ],
    note: Annotated[str, typer.Option(help="A note for the requesting agency.")] = "",
    as_user: AsUser = None,
) -> None:
    """Release a record of your agency to the requesting agency, or refuse."""
    with installation(migrate=True) as app, service_errors():
        info = app.releases.decide(viewer_for(app, as_user), request_id, release=release, note=note)
    console.print(_release_line(info))


# -- hits ------------------------------------------------------------------------------

hits_app = typer.Typer(
    help="Hits: the owner is told of every hit on its records; the searcher confirms or "
    "rejects it.",
    no_args_is_help=True,
)
OutcomeOpt = Annotated[
    str | None,
    one_of(get_args(Outcome), "Only those with this outcome."),
]


def _show_hits(found: list[HitInfo], *, json_out: bool, empty: str) -> None:
    if json_out:
        print_json(found)
        return
    show_table(
        "Hit|Record|Searching agency|Searcher|At|Purpose|Score|Seen as|Outcome",
        (
            (
                h.id,
                f"{h.owner}/{h.record_id}",
                h.searching_agency or "--",
                h.searcher,
                when(h.at),
                h.purpose,
                h.score,
                h.access,
                h.outcome + (f" ({h.outcome_note})" if h.outcome_note else ""),
            )
            for h in found
        ),
        empty=empty,
    )


@hits_app.command("notifications")
def hits_notifications(
    outcome: OutcomeOpt = None, as_user: AsUser = None, json_out: JsonOut = False
) -> None:
    """Hits on your agency's records: who searched, why, the score and the outcome."""
    with installation(migrate=True) as app, service_errors():
        found = app.hits.notifications(
            viewer_for(app, as_user), outcome=cast("Outcome | None", outcome)
        )
    _show_hits(found, json_out=json_out, empty="no hits on your records")


@hits_app.command("mine")
def hits_mine(
    outcome: OutcomeOpt = None, as_user: AsUser = None, json_out: JsonOut = False
) -> None:
    """Your own hits, to confirm or reject."""
    with installation(migrate=True) as app, service_errors():
        found = app.hits.mine(viewer_for(app, as_user), outcome=cast("Outcome | None", outcome))
    _show_hits(found, json_out=json_out, empty="no hits of yours")


def _decide_hit(hit_id: int, *, confirmed: bool, note: str, as_user: str | None) -> None:
    with installation(migrate=True) as app, service_errors():
        info = app.hits.decide(viewer_for(app, as_user), hit_id, confirmed=confirmed, note=note)
    console.print(f"hit {info.id} on {info.owner}/{info.record_id}: {info.outcome}")


HitId = Annotated[int, typer.Argument(metavar="HIT_ID", help="The hit's id.")]
NoteOpt = Annotated[str, typer.Option(help="What you found, for the owner.")]


@hits_app.command("confirm")
def hits_confirm(hit_id: HitId, note: NoteOpt = "", as_user: AsUser = None) -> None:
    """Confirm your hit: it is the person sought (the owner is told)."""
    _decide_hit(hit_id, confirmed=True, note=note, as_user=as_user)


@hits_app.command("reject")
def hits_reject(hit_id: HitId, note: NoteOpt = "", as_user: AsUser = None) -> None:
    """Reject your hit: it is not the person sought (the owner is told)."""
    _decide_hit(hit_id, confirmed=False, note=note, as_user=as_user)


# -- retention -------------------------------------------------------------------------

retention_app = typer.Typer(
    help="Retention (rule 5): records due for review. Without a command: list them.",
)


@retention_app.callback(invoke_without_command=True)
def retention(
    ctx: typer.Context,
    agency: Annotated[str | None, typer.Option(help="Only this agency's records.")] = None,
    within_days: Annotated[
        int, typer.Option(min=0, max=36500, help="Also those due within this many days.")
    ] = 30,
    as_user: AsUser = None,
    json_out: JsonOut = False,
) -> None:
    """List records past their review date or due soon, per agency.

    A record past its review date is no longer served to anyone but its owner: renew it
    with `tabadul retention renew`, or delete it."""
    if ctx.invoked_subcommand is not None:
        return
    with installation(migrate=True) as app, service_errors():
        due = app.retention.due(viewer_for(app, as_user), agency=agency, within_days=within_days)
    if json_out:
        print_json(due)
        return
    if not due:
        console.print(f"nothing due within {within_days} days")
        return
    for owner in dict.fromkeys(d.owner for d in due):
        mine = [d for d in due if d.owner == owner]
        overdue = sum(d.overdue for d in mine)
        show_table(
            "Record|Kind|Review date|State",
            (
                (d.record_id, d.kind, d.review_date, "OVERDUE: not served" if d.overdue else "due")
                for d in mine
            ),
            empty="",
            title=f"{owner}: {overdue} overdue, {len(mine) - overdue} due in {within_days} days",
        )


@retention_app.command("renew")
def retention_renew(
    owner: OwnerArg,
    external_id: IdArg,
    reason: Annotated[str, typer.Option(help="Why the record is still needed.")],
    as_user: AsUser = None,
) -> None:
    """Renew a record of your agency: a new review date, with a reason (audited)."""
    with installation(migrate=True) as app, service_errors():
        review = app.retention.renew(
            viewer_for(app, as_user), owner=owner, external_id=external_id, reason=reason
        )
    console.print(f"{owner.upper()}/{external_id} renewed: next review {review.isoformat()}")
