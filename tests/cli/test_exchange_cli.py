"""The exchange rules through the CLI, as bureau officers and scripts use it: real
subprocesses against the test's database (set up through the service layer)."""

from __future__ import annotations

import json
import shlex
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tabadul.cli import app as tabadul_cli
from tabadul.service import NotFound, Tabadul
from tabadul.store.tables import Record
from tests.api.test_exchange_api import HIT_ONLY_KEYS, NAME, PURPOSE, exchange_world
from tests.cli.test_cli import Cli

PERSON_FTM = {
    "id": "dz-p-1",
    "schema": "Person",
    "properties": {"name": [NAME], "birthDate": ["1979-03-14"], "nationality": ["dz"]},
}


@pytest.fixture
def cli(app: Tabadul, db_url: str, tmp_path: Path) -> Cli:
    exchange_world(app)  # the same database as the subprocesses
    return Cli(db_url, tmp_path)


def imported(cli: Cli, tmp_path: Path, **changes: Any) -> None:
    source = tmp_path / "person.ftm.jsonl"
    source.write_text(json.dumps({**PERSON_FTM, **changes}) + "\n", encoding="utf-8")
    assert (
        "1 created" in cli("import", str(source), "--owner", "DZ-NCB", "--as", "dz.bureau").stdout
    )


def sh(cli: Cli, line: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """Run a command line written as in a shell."""
    return cli(*shlex.split(line), code=code)


def as_json(cli: Cli, *args: str) -> Any:
    return json.loads(cli(*args, "--json").stdout)


def test_done_when_through_the_cli(app: Tabadul, cli: Cli, tmp_path: Path) -> None:
    imported(cli, tmp_path)
    changed = sh(
        cli,
        "sharing set DZ-NCB dz-p-1 --visibility none --hit-only region:MAGHREB"
        " --full agency:tn-ncb --as dz.bureau",
    ).stdout
    assert "full for agency TN-NCB; hit_only for region MAGHREB" in changed
    shown = cli("sharing", "show", "DZ-NCB", "dz-p-1", "--as", "dz.bureau").stdout
    assert "visibility: none" in shown and "rules (the record's own)" in shown

    full = cli("search", NAME, "--purpose", PURPOSE, "--as", "tn.officer").stdout
    assert "dz-p-1" in full and "person" in full and NAME in full and "H0" in full
    [result] = as_json(cli, "search", NAME, "--purpose", PURPOSE, "--as", "tn.officer")
    assert result["access"] == "full" and result["hit"] and result["score"] >= 0.7

    table = cli("search", NAME, "--purpose", PURPOSE, "--as", "ma.officer").stdout
    assert "hit-only: ask DZ-NCB (Bureau Alger) to release" in table and "H0" in table
    assert "person" not in table and NAME not in table
    [hit_only] = as_json(cli, "search", NAME, "--purpose", PURPOSE, "--as", "ma.officer")
    assert set(hit_only) == HIT_ONLY_KEYS and hit_only["owner_name"] == "Bureau Alger"
    ma = app.directory.viewer("ma.officer")
    with pytest.raises(NotFound):
        app.records.get(ma, owner="DZ-NCB", external_id="dz-p-1")

    assert as_json(cli, "search", NAME, "--purpose", PURPOSE, "--as", "eg.officer") == []
    assert "no results" in cli("search", NAME, "--purpose", PURPOSE, "--as", "eg.officer").stdout

    asked = sh(
        cli,
        f"release request DZ-NCB dz-p-1 --reason 'our case 2024/117' --purpose {PURPOSE}"
        " --as ma.officer",
    ).stdout
    assert "pending" in asked
    [pending] = as_json(cli, "release", "list", "--status", "pending", "--as", "dz.bureau")
    assert pending["requesting_agency"] == "MA-NCB" and pending["reason"] == "our case 2024/117"
    assert "our case 2024/117" in cli("release", "list", "--as", "dz.bureau").stdout
    cli("release", "decide", str(pending["id"]), "--release", "--as", "ma.officer", code=4)
    decided = cli("release", "decide", str(pending["id"]), "--release", "--as", "dz.bureau")
    assert "released" in decided.stdout
    assert app.records.get(ma, owner="DZ-NCB", external_id="dz-p-1").external_id == "dz-p-1"

    notes = cli("hits", "notifications", "--as", "dz.bureau").stdout
    assert "MA-NCB" in notes and PURPOSE in notes and "TN-NCB" in notes
    assert str(result["score"]) in notes
    mine = as_json(cli, "hits", "mine", "--as", "ma.officer")  # a hit per search
    assert len(mine) == 2 and hit_only["hit_id"] == mine[-1]["id"]
    hit = str(hit_only["hit_id"])
    confirmed = cli("hits", "confirm", hit, "--note", "same man", "--as", "ma.officer")
    assert "confirmed" in confirmed.stdout
    cli("hits", "reject", hit, "--as", "ma.officer", code=5)
    [seen] = as_json(cli, "hits", "notifications", "--outcome", "confirmed", "--as", "dz.bureau")
    assert seen["searching_agency"] == "MA-NCB" and seen["outcome"] == "confirmed"
    assert seen["purpose"] == PURPOSE and seen["score"] == result["score"]
    assert "confirmed (same man)" in cli("hits", "notifications", "--as", "dz.bureau").stdout

    entries = as_json(cli, "audit", "list", "--as", "sec.compliance")
    actions = {e["action"] for e in entries}
    assert {
        "rule_change",
        "screen",
        "release_request",
        "release_decision",
        "hit_outcome",
    } <= actions
    # a search of persons is a screening, audited once, by screening, as a search
    searches = as_json(
        cli, "audit", "list", "--action", "screen", "--agency", "MA-NCB", "--as", "sec.compliance"
    )
    assert {e["actor"] for e in searches} == {"ma.officer"} and len(searches) == 2
    assert {e["detail"]["query"]["id"] for e in searches} == {"search"}
    every = as_json(cli, "audit", "list", "--action", "screen", "--as", "sec.compliance")
    today = datetime.now(UTC).date().isoformat()
    dated = as_json(cli, "audit", "list", "--action", "screen", "--since", "2000-01-01",
                    "--until", today, "--as", "sec.compliance")  # fmt: skip
    assert dated == every  # a day as --until includes all of it
    table = cli("audit", "list", "--action", "hit_outcome", "--as", "sec.compliance").stdout
    assert "ma.officer" in table and "DZ-NCB/dz-p-1" in table
    cli("audit", "list", "--as", "ma.officer", code=4)
    assert "audit trail intact" in cli("audit", "verify").stdout


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("sharing set DZ-NCB p-1 --full planet:MARS", "'--full'"),
        ("sharing set DZ-NCB p-1 --deny member", "'--deny'"),
        ("sharing set DZ-NCB p-1 --hit-only region:X", "'--hit-only'"),
        ("sharing set DZ-NCB p-1 --visibility all", "'--visibility'"),
        (f"sharing set DZ-NCB p-1 --purpose {PURPOSE} --clear-purposes", "'--purpose'"),
        ("sharing set DZ-NCB p-1 --full member:DZ --agency-defaults", "'--agency-defaults'"),
        ("sharing defaults DZ-NCB --deny agency", "'--deny'"),
        ("search Salim", "'--purpose'"),
        ("search Salim --purpose gossip", "'--purpose'"),
        ("release request DZ-NCB p-1 --reason x --purpose gossip", "'--purpose'"),
        ("release list --status maybe", "'--status'"),
        ("release decide 1", "'--release'"),
        ("hits mine --outcome maybe", "'--outcome'"),
        ("retention renew DZ-NCB p-1", "'--reason'"),
        ("retention --within-days -1", "'--within-days'"),
        ("audit list --action peek", "'--action'"),
        ("audit list --since 1985-13-45", "'--since'"),
        ("audit list --since 2030-01-01 --until 2020-01-01", "'--until'"),
    ],
)
def test_usage_errors_exit_2_naming_the_option(line: str, named: str) -> None:
    result = CliRunner().invoke(tabadul_cli, shlex.split(line), env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert named in result.output


def test_refusals_exit_with_their_codes(cli: Cli, tmp_path: Path) -> None:
    imported(cli, tmp_path)
    unknown = sh(cli, "sharing set DZ-NCB dz-p-1 --hit-only region:NOWHERE --as dz.bureau", 2)
    assert "rules.0.code" in unknown.stderr and "NOWHERE" in unknown.stderr
    assert "agency defaults" in cli("sharing", "show", "DZ-NCB", "dz-p-1").stdout  # unchanged
    sh(cli, "sharing set DZ-NCB dz-p-1 --visibility none --as ma.bureau", 4)  # visible to it
    sh(cli, "sharing set DZ-NCB nope --visibility none --as dz.bureau", 3)
    ask = f"--reason x --purpose {PURPOSE} --as ma.officer"
    sh(cli, f"release request DZ-NCB nope {ask}", 3)
    sh(cli, f"release request DZ-NCB dz-p-1 {ask}", 5)  # seen in full: nothing to release
    sh(cli, "hits confirm 999 --as ma.officer", 3)
    sh(cli, "retention renew DZ-NCB dz-p-1 --reason ' ' --as dz.bureau", 2)
    sh(cli, f"search Salim --purpose {PURPOSE} --as nobody", 3)


def test_defaults_show_and_change(cli: Cli) -> None:
    shown = cli("sharing", "defaults", "DZ-NCB", "--as", "dz.bureau").stdout
    assert "visibility of new records: full" in shown and "secretariat access: yes" in shown
    changed = sh(
        cli, "sharing defaults DZ-NCB --deny member:MA --no-secretariat --as dz.bureau"
    ).stdout
    assert "none for member MA" in changed and "secretariat access: no" in changed
    cli("sharing", "defaults", "DZ-NCB", "--as", "ma.bureau", code=4)


def test_retention_lists_overdue_and_renew_restores(app: Tabadul, cli: Cli, tmp_path: Path) -> None:
    imported(cli, tmp_path)
    assert "nothing due within 30 days" in cli("retention", "--as", "dz.bureau").stdout
    with app.transaction() as session:
        row = session.scalar(select(Record).where(Record.external_id == "dz-p-1"))
        assert row is not None
        row.review_date = date(2000, 1, 1)
    listed = cli("retention").stdout
    assert "DZ-NCB: 1 overdue, 0 due in 30 days" in listed
    assert "dz-p-1" in listed and "OVERDUE" in listed
    [due] = as_json(cli, "retention", "--agency", "DZ-NCB", "--as", "dz.bureau")
    assert due["overdue"] is True and due["review_date"] == "2000-01-01"
    assert as_json(cli, "retention", "--as", "ma.bureau") == []
    ma = app.directory.viewer("ma.officer")
    with pytest.raises(NotFound):
        app.records.get(ma, owner="DZ-NCB", external_id="dz-p-1")
    sh(cli, "retention renew DZ-NCB dz-p-1 --reason 'still open' --as ma.bureau", 3)  # hidden
    renewed = cli(
        "retention", "renew", "DZ-NCB", "dz-p-1", "--reason", "case still open", "--as", "dz.bureau"
    ).stdout
    assert f"next review {app.today().year + 5}" in renewed
    assert app.records.get(ma, owner="DZ-NCB", external_id="dz-p-1").external_id == "dz-p-1"
    assert "nothing due" in cli("retention").stdout


@pytest.mark.parametrize(
    "command",
    [
        "sharing show", "sharing set", "sharing defaults", "search", "release request",
        "release list", "release decide", "hits notifications", "hits mine", "hits confirm",
        "hits reject", "retention", "retention renew", "audit list",
    ],
)  # fmt: skip
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(tabadul_cli, [*command.split(), "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "--as" in result.output and "Usage:" in result.output
