"""``tabadul sharing``: who sees a record, and an agency's defaults."""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple, cast, get_args

import typer

from tabadul.cli._common import console, installation, service_errors, viewer_for
from tabadul.cli._present import SUBJECT_HELP, AsUser, IdArg, OwnerArg

__all__ = ["sharing_app"]
from tabadul.domain.enums import Purpose, Visibility
from tabadul.service.sharing import AgencySharing, RecordSharing, RuleIn, SubjectKind

# -- sharing ---------------------------------------------------------------------------

sharing_app = typer.Typer(
    help="Who sees a record: base visibility, rules per member, region or agency, purposes.",
    no_args_is_help=True,
)


class Subject(NamedTuple):
    kind: SubjectKind
    code: str


def _subject(value: str) -> Subject:
    kind, _, code = (part.strip() for part in value.partition(":"))
    if kind.lower() not in get_args(SubjectKind) or not 2 <= len(code) <= 32:
        raise typer.BadParameter(f"{value!r}: write {SUBJECT_HELP.split(';')[0]}")
    return Subject(cast(SubjectKind, kind.lower()), code)


def _subjects(flag: str, verb: str) -> Any:
    return typer.Option(flag, parser=_subject, metavar="SUBJECT", help=f"{verb} {SUBJECT_HELP}")


Subjects = list[Subject] | None
FullOpt = Annotated[Subjects, _subjects("--full", "Grant full access to")]
HitOnlyOpt = Annotated[Subjects, _subjects("--hit-only", "Grant hit-only access to")]
DenyOpt = Annotated[Subjects, _subjects("--deny", "Deny access (denials win) to")]


def _rules(full: Subjects, hit_only: Subjects, deny: Subjects) -> list[RuleIn] | None:
    """The rules the options give; ``None`` when none of them was used."""
    if not (full or hit_only or deny):
        return None
    given = ((Visibility.FULL, full), (Visibility.HIT_ONLY, hit_only), (Visibility.NONE, deny))
    return [
        RuleIn(subject=s.kind, code=s.code, level=level)
        for level, subjects in given
        for s in subjects or ()
    ]


def _rules_text(rules: list[RuleIn]) -> str:
    if not rules:
        return "none"
    return "; ".join(f"{r.level.value} for {r.subject} {r.code}" for r in rules)


def _show_sharing(s: RecordSharing) -> None:
    console.print(f"{s.owner}/{s.external_id}")
    console.print(f"  visibility: {s.visibility.value} (for everyone no rule names)")
    origin = "the record's own" if s.own_rules else "the agency defaults"
    console.print(f"  rules ({origin}): {_rules_text(s.rules)}")
    purposes = ", ".join(p.value for p in s.purposes) if s.purposes else "all"
    console.print(f"  purposes: {purposes}")
    conditions = f" ({s.handling_conditions})" if s.handling_conditions else ""
    console.print(f"  handling code: {s.handling_code}{conditions}")


def _show_defaults(s: AgencySharing) -> None:
    console.print(f"{s.agency} defaults")
    console.print(f"  visibility of new records: {s.default_visibility.value}")
    console.print(f"  rules: {_rules_text(s.rules)}")
    console.print(f"  secretariat access: {'yes' if s.secretariat_access else 'no'}")


@sharing_app.command("show")
def sharing_show(owner: OwnerArg, external_id: IdArg, as_user: AsUser = None) -> None:
    """Show a record's sharing (owner agency only)."""
    with installation(migrate=True) as app, service_errors():
        _show_sharing(
            app.sharing.get(viewer_for(app, as_user), owner=owner, external_id=external_id)
        )


@sharing_app.command("set")
def sharing_set(
    owner: OwnerArg,
    external_id: IdArg,
    visibility: Annotated[
        Visibility | None, typer.Option(help="What everyone no rule names gets.")
    ] = None,
    full: FullOpt = None,
    hit_only: HitOnlyOpt = None,
    deny: DenyOpt = None,
    purpose: Annotated[
        list[Purpose] | None,
        typer.Option("--purpose", help="Limit the record to this purpose; repeat for more."),
    ] = None,
    clear_purposes: Annotated[
        bool, typer.Option("--clear-purposes", help="Lift the purpose limit.")
    ] = False,
    agency_defaults: Annotated[
        bool,
        typer.Option("--agency-defaults", help="Drop the record's own rules: use the agency's."),
    ] = False,
    as_user: AsUser = None,
) -> None:
    """Change a record's sharing (owner's bureau officers and admins).

    Any of --full, --hit-only, --deny replaces the record's own rules with those given;
    what is not given stays as it is. The change is audited, rules before and after."""
    rules = _rules(full, hit_only, deny)
    if purpose and clear_purposes:
        raise typer.BadParameter("give --purpose or --clear-purposes", param_hint="'--purpose'")
    if agency_defaults and rules is not None:
        raise typer.BadParameter(
            "give rules or --agency-defaults, not both", param_hint="'--agency-defaults'"
        )
    with installation(migrate=True) as app, service_errors():
        after = app.sharing.set_record(
            viewer_for(app, as_user),
            owner=owner,
            external_id=external_id,
            visibility=visibility,
            rules=rules,
            purposes=purpose or None,
            clear_purposes=clear_purposes,
            use_agency_defaults=agency_defaults,
        )
        console.print("sharing changed:")
        _show_sharing(after)


@sharing_app.command("defaults")
def sharing_defaults(
    agency: Annotated[str, typer.Argument(help="Agency code, e.g. DZ-NCB.")],
    visibility: Annotated[
        Visibility | None, typer.Option(help="Base visibility of the agency's new records.")
    ] = None,
    full: FullOpt = None,
    hit_only: HitOnlyOpt = None,
    deny: DenyOpt = None,
    secretariat: Annotated[
        bool | None,
        typer.Option("--secretariat/--no-secretariat", help="Whether the secretariat sees them."),
    ] = None,
    as_user: AsUser = None,
) -> None:
    """Show an agency's default sharing, or change it.

    Any of --full, --hit-only, --deny replaces the default rules (those of every record
    without rules of its own); --visibility applies to the agency's new records."""
    rules = _rules(full, hit_only, deny)
    with installation(migrate=True) as app, service_errors():
        viewer = viewer_for(app, as_user)
        if visibility is None and rules is None and secretariat is None:
            _show_defaults(app.sharing.get_defaults(viewer, agency=agency))
            return
        after = app.sharing.set_defaults(
            viewer,
            agency=agency,
            visibility=visibility,
            rules=rules,
            secretariat_access=secretariat,
        )
        console.print("defaults changed:")
        _show_defaults(after)
