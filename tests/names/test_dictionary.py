"""The shipped name resources and the script that builds them."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tabadul.names import _dictionary, analyze, part_similarity
from tabadul.names._dictionary import NameDictionary, load_shipped

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
PACKAGE_DATA = ROOT / "src" / "tabadul" / "names" / "data"
needs_data = pytest.mark.skipif(
    not (DATA / "wikidata_name_tokens").exists(),
    reason="public name data not found at ../shared/data (see its README)",
)


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    path = ROOT / "scripts" / "build_name_resources.py"
    spec = importlib.util.spec_from_file_location("build_name_resources", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def restore_dictionary() -> Iterator[None]:
    yield
    _dictionary.use(None)


def test_the_package_ships_its_resources() -> None:
    manifest = json.loads((PACKAGE_DATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == 1
    assert "ofac" not in json.dumps(manifest["sources"]).lower()
    shipped = load_shipped()
    assert len(shipped.spellings) > 10_000
    assert shipped.total > 10_000
    assert "mohamed" in shipped.spellings_of("محمد")
    assert "محمد" in shipped.sources_of("mohamed")
    assert shipped.best_spelling("يوسف")
    size = sum(p.stat().st_size for p in PACKAGE_DATA.iterdir())
    assert size < 3_000_000


def test_weights_fall_with_frequency() -> None:
    dictionary = NameDictionary(frequencies={"a": 10_000, "b": 100, "c": 5}, total=50_000)
    assert dictionary.weight(0) == dictionary.weight(10) == 1.0
    assert dictionary.weight(10_000) == 0.1
    assert 0.1 < dictionary.weight(1_000) < dictionary.weight(100) < 1.0
    assert NameDictionary().weight(1_000) == 1.0


def test_rules_alone_still_work(restore_dictionary: None) -> None:
    _dictionary.use(NameDictionary())
    youcef, yusuf = analyze("Youcef").parts[0], analyze("يوسف").parts[0]
    assert part_similarity(youcef, yusuf)[0] == 1.0
    assert analyze("Youcef").parts[0].known == frozenset()


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _tiny_sources(root: Path) -> Path:
    data = root / "data"
    _write(
        data / "name_part_groups" / "rigour_arabic_latin_pairs.csv",
        ["arabic", "latin", "entity_type", "group_id"],
        [
            ["عثمان", "osman", "PERSON_NAME_PART", "Q1"],
            ["عثمان", "othman", "PERSON_NAME_PART", "Q1"],
        ],
    )
    _write(
        data / "wikidata_name_tokens" / "netranslit_wd_arabic_tokens.csv",
        ["arabic", "latin", "entity_type", "count", "split"],
        [
            ["يوسف", "youssef", "PERSON", "5", "train"],
            ["يوسف", "yusuf", "PERSON", "1", "train"],  # count 1: left out
            ["يوسف", "youcef", "PERSON", "3", "test"],  # held out
            ["جون", "jihadi", "PERSON", "4", "train"],  # implausible: left out
        ],
    )
    _write(
        data / "google_ar2en" / "google_ar2en_pairs.csv",
        ["arabic", "latin", "entity_type", "split"],
        [["كريم", "karim", "", "train"], ["سعيد", "said", "", "test"]],
    )
    _write(
        data / "arabic_latin_full_names" / "anr_full_name_pairs.csv",
        ["arabic", "latin", "entity_type", "latin_convention", "country", "count", "source"],
        [["محمد كريم", "Mohamed Karim", "PERSON", "fr", "DZ", "1", "wikidata"]],
    )
    _write(
        data / "arabic_latin_full_names" / "anr_name_unit_pairs.csv",
        ["arabic", "latin", "entity_type", "role", "country", "count", "source"],
        [["محمد", "Mohamed", "PERSON_NAME_PART", "given", "DZ", "2", "wikidata"]],
    )
    return data


def test_the_build_is_deterministic_and_leaves_held_out_rows_alone(
    builder: ModuleType, tmp_path: Path, restore_dictionary: None
) -> None:
    data = _tiny_sources(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    builder.build(data, first, strict=False)
    builder.build(data, second, strict=False)
    for name in ("variants.tsv.gz", "frequencies.tsv.gz", "manifest.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    lines = gzip.decompress((first / "variants.tsv.gz").read_bytes()).decode().splitlines()
    spellings, _ = _dictionary.read_variants(lines)
    assert {"osman", "othman"} <= set(spellings["عثمان"])
    assert "youssef" in spellings["يوسف"]
    assert "youcef" not in spellings["يوسف"]  # a test row
    assert "yusuf" not in spellings["يوسف"]  # seen once
    assert "جون" not in spellings  # alignment noise
    assert "سعيد" not in spellings  # a test row
    assert "karim" in spellings["كريم"]
    assert "mamadou" in spellings["محمد"]  # hand-written regional spellings
    # a name unit is used only when its full name is in the train part of the split
    in_train = builder.anr_split("محمد كريم") == "train"
    assert ("mohamed" in spellings.get("محمد", ())) is in_train


@needs_data
def test_held_out_pairs_agree_and_shuffled_pairs_do_not(builder: ModuleType) -> None:
    """A small sample of the held-out figures the build script prints (--evaluate)."""
    held = builder.Sources(DATA).held_out()
    for name in ("wikidata_test", "google_test"):
        rows = [(a, b) for a, b, count in held[name] if count >= 1]
        sample = random.Random(7).sample(rows, 600)
        _, true_rate, n = builder._agreement(sample)
        _, false_rate, m = builder._agreement(builder._false_pairs(sample))
        assert n > 500 and m > 500
        assert true_rate >= 0.75, (name, true_rate)
        assert false_rate <= 0.01, (name, false_rate)
