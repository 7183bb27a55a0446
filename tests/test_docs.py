"""Docs that tests keep honest."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tabadul.cli import app as cli_app
from tabadul.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(TABADUL_[A-Z_]+)`", text))
    declared = {f"TABADUL_{name.upper()}" for name in Settings.model_fields}
    assert declared <= documented, declared - documented
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^```(?:sh|bash)\n(.+?)\n```", readme, flags=re.M | re.S)
    assert commands[:2] == ["scripts/demo", "scripts/test"]
    assert "exec scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_names_every_cli_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in cli_app.registered_commands] + [
        g.name for g in cli_app.registered_groups
    ]
    for name in names:
        assert f"tabadul {name}" in readme, name


def test_cli_help_works_for_every_command() -> None:
    for args in (
        ["--help"],
        ["import", "--help"],
        ["export", "--help"],
        ["agency", "add", "--help"],
        ["user", "add", "--help"],
        ["generate", "--help"],
        ["demo", "--help"],
        ["audit", "verify", "--help"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tabadul", *args], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_readme_explanation_example_is_what_the_scorer_says() -> None:
    """The README's "Reading an explanation" example, scored for real."""
    from tabadul.domain.dates import PartialDate
    from tabadul.domain.enums import NameKind
    from tabadul.matching.scoring import DEFAULT_ALGORITHM, Candidate, Query, score
    from tabadul.names import analyze

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Reading an explanation", 1)[1]
    block = re.search(r"```\n(.+?)\n```", section, flags=re.S)
    assert block is not None
    stated = re.search(r"gives a hit \((0\.\d+)\)", section)
    assert stated is not None
    result = score(
        Query(
            analyze("Yousef Haddad"),
            birth_date=PartialDate.parse("1979-03-14"),
            nationality="MA",
        ),
        Candidate(
            [(analyze("يوسف كريم حداد"), NameKind.PRIMARY)],
            birth_dates=[PartialDate.parse("1979-03-14")],
            nationalities=["DZ"],
        ),
    )
    assert result.algorithm == DEFAULT_ALGORITHM
    assert result.hit and f"{result.score:.2f}" == stated.group(1)
    assert block.group(1).splitlines() == result.explanation


def test_names_doc_comparison_table_is_what_compare_parts_says() -> None:
    """Every example line of docs/names.md's "Reading a comparison" table, compared."""
    from tabadul.names import analyze, compare_parts

    text = (ROOT / "docs" / "names.md").read_text(encoding="utf-8")
    section = text.split("## 7. Reading a comparison", 1)[1].split("\n## ", 1)[0]
    checked = 0
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[2].startswith("`"):
            continue
        basis = cells[1]
        for line in re.findall(r"`([^`]+)`", cells[2]):
            if line.endswith("..."):
                continue
            match = re.match(r"(.+?) [=~≠] (.+?): ", line)
            assert match, line
            a, b = (analyze(side).significant()[0] for side in match.groups())
            _score, said, found = compare_parts(a, b)
            assert (found, said) == (basis, line), (basis, line)
            checked += 1
    assert checked >= 9


def test_names_doc_look_and_sound_figures_are_what_the_functions_say() -> None:
    from tabadul.names import analyze, sound_similarity, surface_similarity

    text = (ROOT / "docs" / "names.md").read_text(encoding="utf-8")
    stated = re.search(r"\*Hermouche\*\s+/ هرموش (\d\.\d\d) as written, (\d\.\d\d) so", text)
    assert stated, "the example moved: update this test"
    latin, arabic = analyze("Hermouche").significant()[0], analyze("هرموش").significant()[0]
    assert f"{surface_similarity(arabic, latin):.2f}" == stated.group(1)
    assert f"{sound_similarity(arabic, latin):.2f}" == stated.group(2)
