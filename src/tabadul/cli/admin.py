"""``tabadul init``, ``agency ...``, ``user ...``, ``audit ...``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape

from tabadul.audit import AuditAction
from tabadul.cli._common import console, err, installation, service_errors, viewer_for
from tabadul.cli._present import JsonOut, print_json, show_table
from tabadul.domain.enums import HandlingCode, Purpose, Role, Visibility
from tabadul.service import InvalidInput
from tabadul.service.audit_trail import MAX_ENTRIES, TIME_FORMS, audit_filters
from tabadul.store.migrate import current_revision, head_revision

__all__ = ["agency_app", "audit_app", "init", "user_app"]

AsUser = Annotated[
    str | None,
    typer.Option("--as", help="Act as this user; without it, as the installation's operator."),
]


def init() -> None:
    """Create the database or migrate it to the newest schema. Safe to run twice."""
    with installation() as app, service_errors():
        before = current_revision(app.engine)
        app.migrate()
        after = current_revision(app.engine)
        url = app.engine.url.render_as_string(hide_password=True)
        if before == after:
            console.print(f"database {url} is up to date (schema {after})")
        else:
            console.print(
                f"database {url} migrated from {before or 'nothing'} to {head_revision()}"
            )


agency_app = typer.Typer(
    help="Agencies: the police services that own records.", no_args_is_help=True
)


@agency_app.command("add")
def agency_add(
    code: Annotated[str, typer.Argument(help="Agency code, e.g. MA-NCB.")],
    name: Annotated[str, typer.Option(help="Full name of the agency.")],
    country: Annotated[
        str | None, typer.Option(help="ISO 3166-1 alpha-2 code of its member country.")
    ] = None,
    secretariat: Annotated[
        bool, typer.Option(help="The organization's secretariat (has no country).")
    ] = False,
    visibility: Annotated[
        Visibility, typer.Option(help="Default visibility of its new records to others.")
    ] = Visibility.FULL,
    handling: Annotated[
        HandlingCode, typer.Option(help="Default handling code of its new records.")
    ] = HandlingCode.H0,
    as_user: AsUser = None,
) -> None:
    """Register an agency."""
    with installation(migrate=True) as app, service_errors():
        info = app.directory.add_agency(
            viewer=viewer_for(app, as_user),
            code=code,
            name=name,
            country=country,
            is_secretariat=secretariat,
            default_visibility=visibility,
            default_handling=handling,
        )
        console.print(f"agency {info.code} added ({info.name}, {info.country or 'secretariat'})")


@agency_app.command("list")
def agency_list() -> None:
    """List agencies."""
    with installation(migrate=True) as app, service_errors():
        for a in app.directory.agencies():
            console.print(f"{a.code}\t{a.country or '--'}\t{a.name}")


user_app = typer.Typer(help="Users: people and systems that log in.", no_args_is_help=True)


@user_app.command("add")
def user_add(
    login: Annotated[str, typer.Argument(help="Login name (lower case).")],
    agency: Annotated[str, typer.Option(help="Code of the user's agency.")],
    role: Annotated[Role, typer.Option(help="What the user does.")],
    password: Annotated[
        str | None,
        typer.Option(help="Password (12+ characters); a strong one is generated when omitted."),
    ] = None,
    as_user: AsUser = None,
) -> None:
    """Create a user. A generated password is printed once; only its hash is kept."""
    with installation(migrate=True) as app, service_errors():
        info, secret = app.directory.add_user(
            viewer=viewer_for(app, as_user),
            login=login,
            agency=agency,
            role=role,
            password=password,
        )
        console.print(f"user {info.login} added ({info.role.value} at {info.agency})")
        if password is None:
            console.print(f"password: {secret}")


@user_app.command("list")
def user_list() -> None:
    """List users."""
    with installation(migrate=True) as app, service_errors():
        for u in app.directory.users():
            console.print(
                f"{u.login}\t{u.role.value}\t{u.agency}\t{'active' if u.active else 'inactive'}"
            )


audit_app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)


@audit_app.command("verify")
def audit_verify(as_user: AsUser = None) -> None:
    """Check the hash chain of the whole audit log; exit 1 and say where it breaks."""
    with installation(migrate=True) as app, service_errors():
        result = app.audit.verify(viewer_for(app, as_user))
        if result.broken is None:
            console.print(f"audit trail intact: {result.checked} entries verified")
            return
        err.print(
            f"[bold red]audit trail broken[/] at entry {result.broken.entry_id}: "
            f"{result.broken.reason} ({result.checked} entries before it verified)"
        )
        raise typer.Exit(1)


_ACTIONS = ", ".join(a.value for a in AuditAction)
_PURPOSES = ", ".join(p.value for p in Purpose)


@audit_app.command("list")
def audit_list(
    actor: Annotated[str | None, typer.Option(help="Only this login's entries.")] = None,
    agency: Annotated[str | None, typer.Option(help="Only entries of this agency's users.")] = None,
    action: Annotated[str | None, typer.Option(help=f"Only this action: {_ACTIONS}.")] = None,
    purpose: Annotated[
        str | None, typer.Option(help=f"Only this declared purpose: {_PURPOSES}.")
    ] = None,
    since: Annotated[str | None, typer.Option(help=f"From this time: {TIME_FORMS}.")] = None,
    until: Annotated[
        str | None, typer.Option(help="Up to this time (included); a day includes all of it.")
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many newest entries.")] = 0,
    limit: Annotated[int, typer.Option(min=1, max=MAX_ENTRIES, help="Most entries.")] = 100,
    as_user: AsUser = None,
    json_out: JsonOut = False,
) -> None:
    """List audit entries, newest first (compliance officers and administrators).

    Entries match every filter given. Reading the trail is itself audited."""
    try:
        filters = audit_filters(
            actor=actor, agency=agency, action=action, purpose=purpose, since=since, until=until
        )
    except InvalidInput as exc:  # before touching the database: a usage error
        for error in exc.errors:
            option = "--" + "-".join(str(p) for p in error.loc)
            err.print(f"[bold red]error:[/] invalid value for '{option}': {escape(error.message)}")
        raise typer.Exit(2) from None
    with installation(migrate=True) as app, service_errors():
        entries = app.audit.entries(viewer_for(app, as_user), filters, offset=offset, limit=limit)
    if json_out:
        print_json(entries)
        return
    show_table(
        "Id|At (UTC)|Actor|Agency|Action|Purpose|Targets|Detail",
        (
            (
                e.id,
                e.at.strftime("%Y-%m-%d %H:%M:%S"),
                e.actor,
                e.agency,
                e.action,
                e.purpose,
                ", ".join(e.targets or ()),
                json.dumps(e.detail, ensure_ascii=False, separators=(",", ":")) if e.detail else "",
            )
            for e in entries
        ),
        empty="no audit entries match",
    )
