"""The evaluation sets of the accuracy benchmark, built from the public data in ../shared/data.

Every set is built the same way on every machine: a fixed seed, sizes capped by options,
no network. A set is a list of index entries, a list of queries (or of word pairs), and
the truth the runner keeps to itself: the entries each query should find (none for a
name that is not in the index) and the groups the query is reported under.

The sets (see bench/README.md for the details and why):

``arabic_latin_full_names``
    The index is every distinct Latin full name of ``anr_full_name_pairs.csv`` as a
    person; the queries are Arabic-script full names; a query is right when the top
    result's Latin name came from a row with the same Arabic name. Arabic names held out
    of the index (all their Latin spellings removed) give the not-in-index queries, in
    both scripts.
``word_pairs``
    Single-word Arabic → Latin pairs from ``wikidata_name_tokens`` (test split, count
    >= 2) and ``google_ar2en`` (test split), each against a shuffled false pair.
``ofac_aliases``
    The index is the individuals of the 2021 OFAC SDN list under their primary name (with
    dates of birth, nationalities and document numbers); the queries are their strong and
    weak aliases, which are in no index entry; a query is right when the top result is the
    alias's owner. Names of ``anr_full_name_pairs.csv`` not on the list, in Latin and in
    Arabic script, give the not-in-index queries.

The OFAC list names real, sanctioned people: it is used here only, never in tests, demo
data or documentation.
"""

from __future__ import annotations

import csv
import random
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from build_name_resources import anr_split

__all__ = [
    "DATASETS",
    "Dataset",
    "Entry",
    "Pair",
    "Query",
    "build",
    "default_data_dir",
    "missing_files",
]

T = TypeVar("T")

DATASETS = ("arabic_latin_full_names", "word_pairs", "ofac_aliases")

FULL_NAMES = Path("arabic_latin_full_names/anr_full_name_pairs.csv")
WIKIDATA_TOKENS = Path("wikidata_name_tokens/netranslit_wd_arabic_tokens.csv")
WIKIDATA_VARIANTS = Path("wikidata_name_tokens/netranslit_wd_arabic_variants.csv")
GOOGLE_AR2EN = Path("google_ar2en/google_ar2en_pairs.csv")
OFAC = Path("ofac_sdn_2021/ofac_sdn_2021-07.csv")

MAGHREB = {"DZ", "MA", "TN", "LY", "MR"}
MASHREQ_GULF = {
    "EG", "SD", "SA", "IQ", "SY", "LB", "PS", "JO", "YE", "KW", "AE", "QA", "BH", "OM",
    "SO", "DJ", "KM",
}  # fmt: skip


def default_data_dir() -> Path:
    """``../shared/data`` from the repository root."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    """A person in the index."""

    id: str
    names: list[str]
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "names": self.names}
        if self.birth_dates:
            data["birthDates"] = self.birth_dates
        if self.nationalities:
            data["nationalities"] = self.nationalities
        if self.documents:
            data["documents"] = self.documents
        return data


@dataclass(frozen=True, slots=True)
class Query:
    """A screening query, the entries that answer it rightly and its report groups.

    ``expected`` is empty for a name that is not in the index. ``groups`` name the
    table rows the query counts in: the first is its main group, the others splits
    (``conv:fr``, ``region:maghreb`` ...).
    """

    id: str
    name: str
    expected: frozenset[str]
    groups: tuple[str, ...]
    birth_date: str | None = None
    nationality: str | None = None
    document: str | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "name": self.name}
        if self.birth_date:
            data["birthDate"] = self.birth_date
        if self.nationality:
            data["nationality"] = self.nationality
        if self.document:
            data["document"] = self.document
        return data


@dataclass(frozen=True, slots=True)
class Pair:
    """Two single-word names; ``same`` is the truth, ``group`` the source it is reported under."""

    id: str
    a: str
    b: str
    same: bool
    group: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "a": self.a, "b": self.b}


@dataclass
class Dataset:
    name: str
    description: str
    entries: list[Entry] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def input_lines(self) -> Iterator[dict[str, object]]:
        """The adapter protocol's input: every entry, then every query, then every pair."""
        for entry in self.entries:
            yield {"entry": entry.to_json()}
        for query in self.queries:
            yield {"query": query.to_json()}
        for pair in self.pairs:
            yield {"pair": pair.to_json()}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _sample(rng: random.Random, items: list[T], count: int) -> list[T]:
    return list(items) if count >= len(items) else rng.sample(items, count)


def _fold_latin(name: str) -> str:
    """A Latin name without accents, case or a joined al-/el-."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\b(?:al|el)-", "", text)


def _without_article(token: str) -> str:
    """An Arabic word without its article ال (words of five letters or more)."""
    return token[2:] if token.startswith("ال") and len(token) > 4 else token


def _name_key(name: str) -> str:
    """A loose form for telling names equal: no accents, case, punctuation or order."""
    tokens = re.findall(r"[^\W_]+", _fold_latin(name))
    return " ".join(sorted(t for t in tokens if t not in {"al", "el"}))


def _arabic_key(name: str) -> str:
    """The same for Arabic script (already folded in the data): عبد and ابو joined to the
    next part, the article ال dropped, parts in any order."""
    text = re.sub(r"(?:^|(?<= ))(عبد|ابو) ", r"\1", name)
    tokens = [_without_article(t) for t in text.split()]
    return " ".join(sorted(tokens))


_PARTICLES_LATIN = {"al", "el", "ben", "bin", "ibn", "ould", "ait", "ag", "ou"}
_PARTICLES_ARABIC = {"بن", "ابن", "ولد", "ال", "اب"}
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _latin_tokens(name: str) -> list[str]:
    """Latin name parts for the data's own equivalences: no accents, case, al-/el-, or
    particles (ben, ould ...)."""
    return [t for t in re.findall(r"[^\W\d_]+", _fold_latin(name)) if t not in _PARTICLES_LATIN]


def _arabic_token(token: str) -> str:
    """An Arabic name part folded as the data is (hamza forms of alef, alef maqsura, ta
    marbuta, diacritics), without the article."""
    text = "".join(c for c in token if not unicodedata.combining(c)).translate(_ARABIC_FOLD)
    return _without_article(text)


def _arabic_tokens(name: str) -> list[str]:
    return [_arabic_token(t) for t in name.split() if t not in _PARTICLES_ARABIC]


def _spellings_of_parts(data: Path) -> dict[str, set[str]]:
    """What the public data says each Arabic name part is written as in Latin script:
    the single-word pairs of ``anr_name_unit_pairs.csv`` and the ``wikidata_name_tokens``
    pairs seen at least twice, every split (this is the benchmark's truth, not a
    resource of any system)."""
    spellings: dict[str, set[str]] = defaultdict(set)
    sources: list[tuple[str, str]] = []
    units = data / "arabic_latin_full_names" / "anr_name_unit_pairs.csv"
    if units.exists():
        sources += [(r["arabic"], r["latin"]) for r in _rows(units)]
    if (data / WIKIDATA_TOKENS).exists():
        sources += [
            (r["arabic"], r["latin"])
            for r in _rows(data / WIKIDATA_TOKENS)
            if int(r["count"] or 0) >= 2
        ]
    for arabic, latin in sources:
        a, b = _arabic_tokens(arabic), _latin_tokens(latin)
        if len(a) == 1 and len(b) == 1:
            spellings[a[0]].add(b[0])
    return spellings


def _written_alike(arabic: list[str], latin: list[str], spellings: dict[str, set[str]]) -> bool:
    """Whether the data writes these Arabic parts as these Latin ones: as many parts,
    each Arabic part paired with a Latin part it is written as (any order)."""
    if len(arabic) != len(latin) or not arabic:
        return False
    free = list(latin)
    for part in sorted(arabic, key=lambda p: len(spellings.get(p, ()))):
        known = spellings.get(part, set())
        match = next((t for t in free if t in known), None)
        if match is None:
            return False
        free.remove(match)
    return True


def _region(country: str) -> str:
    if country in MAGHREB:
        return "maghreb"
    if country in MASHREQ_GULF:
        return "mashreq-gulf"
    return "other"


# --------------------------------------------------------------------------- full names


@dataclass(frozen=True, slots=True)
class _FullName:
    row: int
    arabic: str
    latin: str
    convention: str
    country: str


def _full_names(data: Path) -> list[_FullName]:
    return [
        _FullName(i, r["arabic"].strip(), r["latin"].strip(), r["latin_convention"], r["country"])
        for i, r in enumerate(_rows(data / FULL_NAMES), start=1)
        if r["arabic"].strip() and r["latin"].strip()
    ]


def arabic_latin_full_names(
    data: Path, *, queries: int, negatives: int, seed: int, index_limit: int | None = None
) -> Dataset:
    rows = _full_names(data)
    by_arabic: dict[str, list[_FullName]] = defaultdict(list)
    first_row_of_latin: dict[str, int] = {}
    for row in rows:
        by_arabic[row.arabic].append(row)
        first_row_of_latin.setdefault(row.latin, row.row)
    # Queries are asked only of the names the name resources and the fitted scorer held
    # out (scripts/build_name_resources.py, anr_split): names neither learnt from.
    arabic_names = sorted(name for name in by_arabic if anr_split(name) == "test")
    rng = random.Random(seed)

    # Not-in-index names: held out with all their Latin spellings. A name that another
    # person of the file shares (the same parts in any order, once case, accents,
    # punctuation and al- are set aside, in either script) is no such name: flagging it
    # would be right, so it is never held out.
    arabic_keys: dict[str, set[str]] = defaultdict(set)
    latin_keys: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        arabic_keys[_arabic_key(row.arabic)].add(row.arabic)
        latin_keys[_name_key(row.latin)].add(row.arabic)
    unshared = [
        name
        for name in arabic_names
        if arabic_keys[_arabic_key(name)] == {name}
        and all(latin_keys[_name_key(row.latin)] == {name} for row in by_arabic[name])
    ]
    # Nor is a name the data itself writes as another person's Latin name: every part
    # of it a Latin spelling of the other's (محمد شوقي and "Mohamed Chaouki", the index
    # holding that spelling from محمد شوكي). Judged by the public data's own
    # part-by-part pairs, never by a system under test.
    spellings = _spellings_of_parts(data)
    by_first: dict[str, list[list[str]]] = defaultdict(list)
    for latin in first_row_of_latin:
        tokens = _latin_tokens(latin)
        for token in set(tokens):
            by_first[token].append(tokens)

    def written_as_another(name: str) -> bool:
        arabic = _arabic_tokens(name)
        # its own spellings, keyed as the index's names are below (particles aside)
        own = {" ".join(sorted(_latin_tokens(row.latin))) for row in by_arabic[name]}
        seen = spellings.get(arabic[0], set()) if arabic else set()
        for token in seen:
            for latin in by_first.get(token, []):
                if " ".join(sorted(latin)) in own:
                    continue
                if _written_alike(arabic, latin, spellings):
                    return True
        return False

    unshared = [name for name in unshared if not written_as_another(name)]
    held_out = set(_sample(rng, unshared, negatives))
    # Names with a French-convention spelling, asked for separately with only their
    # French spellings left in the index: the French vs English report.
    with_french = [
        name
        for name in arabic_names
        if name not in held_out and any(row.convention == "fr" for row in by_arabic[name])
    ]
    french = set(_sample(rng, with_french, queries // 2))
    french_latin = {r.latin for name in french for r in by_arabic[name] if r.convention == "fr"}
    removed_latin = {row.latin for name in held_out for row in by_arabic[name]}
    removed_latin |= {r.latin for name in french for r in by_arabic[name]} - french_latin
    index_latin = sorted(
        set(first_row_of_latin) - removed_latin, key=lambda latin: first_row_of_latin[latin]
    )
    latin_id = {latin: f"anr-{first_row_of_latin[latin]}" for latin in index_latin}

    eligible = [
        name
        for name in arabic_names
        if name not in held_out
        and name not in french
        and any(row.latin in latin_id for row in by_arabic[name])
    ]
    picked = _sample(rng, eligible, queries)

    out: list[Query] = []
    for i, name in enumerate(picked, start=1):
        own = [row for row in by_arabic[name] if row.latin in latin_id]
        conventions = {row.convention for row in own}
        conv = next(c for c in ("fr", "en", "alias") if c in conventions)
        groups: tuple[str, ...] = (
            "arabic→latin",
            f"conv:{conv}",
            f"region:{_region(own[0].country)}",
            f"words:{'1' if len(name.split()) == 1 else '2+'}",
        )
        out.append(Query(f"q{i}", name, frozenset(latin_id[r.latin] for r in own), groups))
    for i, name in enumerate(sorted(french), start=1):
        own = [row for row in by_arabic[name] if row.latin in latin_id]
        groups = ("arabic→latin, French spellings only", f"region:{_region(own[0].country)}")
        out.append(Query(f"f{i}", name, frozenset(latin_id[r.latin] for r in own), groups))

    for i, name in enumerate(sorted(held_out), start=1):
        out.append(Query(f"n{i}a", name, frozenset(), ("absent (arabic)",)))
        latin = rng.choice(sorted({row.latin for row in by_arabic[name]}))
        out.append(Query(f"n{i}l", latin, frozenset(), ("absent (latin)",)))

    wanted = {entry_id for query in out for entry_id in query.expected}
    chosen = index_latin
    notes = []
    if index_limit is not None and index_limit < len(index_latin):
        others = [latin for latin in index_latin if latin_id[latin] not in wanted]
        keep = set(_sample(rng, others, max(0, index_limit - len(wanted))))
        chosen = [lat for lat in index_latin if latin_id[lat] in wanted or lat in keep]
        notes.append(f"index capped to {len(chosen):,} of {len(index_latin):,} entries")
    entries = [Entry(latin_id[latin], [latin]) for latin in chosen]
    notes.append(
        f"{len(held_out):,} Arabic names (of {len(unshared):,} shared with no other person "
        "and not written by the data as another's Latin name) "
        f"held out of the index; {len(french):,} asked with "
        f"only their French-convention spellings in it; {len(removed_latin):,} Latin "
        "spellings removed"
    )
    return Dataset(
        "arabic_latin_full_names",
        "Arabic full name → its Latin spelling among all the Latin full names "
        "(anr_full_name_pairs.csv); right if the top result comes from the same Arabic name",
        entries=entries,
        queries=out,
        notes=notes,
    )


# --------------------------------------------------------------------------- word pairs


def word_pairs(data: Path, *, pairs: int | None, seed: int) -> Dataset:
    rng = random.Random(seed)
    known: dict[str, set[str]] = defaultdict(set)
    for row in _rows(data / WIKIDATA_TOKENS):
        known[row["arabic"]].add(row["latin"].lower())
    if (data / WIKIDATA_VARIANTS).exists():
        for row in _rows(data / WIKIDATA_VARIANTS):
            known[row["arabic"]].update(v.lower() for v in row["latin_variants"].split("|"))

    sources: list[tuple[str, list[tuple[str, str]]]] = []
    wikidata = [
        (r["arabic"], r["latin"])
        for r in _rows(data / WIKIDATA_TOKENS)
        if r["split"] == "test" and int(r["count"] or 0) >= 2
    ]
    sources.append(("wikidata tokens", wikidata))
    notes = []
    if (data / GOOGLE_AR2EN).exists():
        google_rows = list(_rows(data / GOOGLE_AR2EN))
        for row in google_rows:
            known[row["arabic"]].add(row["latin"].lower())
        test = [(r["arabic"], r["latin"]) for r in google_rows if r["split"] == "test"]
        sources.append(("google ar2en", test))
    else:
        notes.append("google_ar2en absent: wikidata tokens only")

    out: list[Pair] = []
    for label, true_pairs in sources:
        true_pairs = sorted(set(true_pairs))
        if pairs is not None:
            true_pairs = _sample(rng, true_pairs, pairs)
        latins = [latin for _, latin in true_pairs]
        prefix = "w" if label.startswith("wikidata") else "g"
        for i, (arabic, latin) in enumerate(true_pairs, start=1):
            out.append(Pair(f"{prefix}{i}t", arabic, latin, True, label))
            for _ in range(100):
                other = rng.choice(latins)
                if other.lower() not in known[arabic]:
                    out.append(Pair(f"{prefix}{i}f", arabic, other, False, label))
                    break
    return Dataset(
        "word_pairs",
        "single-word Arabic → Latin pairs (test splits) against shuffled false pairs",
        pairs=out,
        notes=notes,
    )


# --------------------------------------------------------------------------- OFAC

COUNTRY_OVERRIDES = {
    "korea, north": "kp",
    "korea, south": "kr",
    "russia": "ru",
    "burma": "mm",
    "palestinian": "ps",
    "west bank": "ps",
    "gaza": "ps",
    "congo, democratic republic of the": "cd",
    "congo, republic of the": "cg",
    "kosovo": "xk",
    "turkey": "tr",
    "macedonia": "mk",
    "macedonia, the former yugoslav republic of": "mk",
    "cote d ivoire": "ci",
    "the gambia": "gm",
    "taiwan": "tw",
    "laos": "la",
}
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
)}  # fmt: skip


def _country(name: str) -> str | None:
    name = name.strip()
    if not name:
        return None
    if name.lower() in COUNTRY_OVERRIDES:
        return COUNTRY_OVERRIDES[name.lower()]
    try:
        return str(pycountry.countries.lookup(name).alpha_2).lower()
    except LookupError:
        return None


def _dates(text: str) -> list[str]:
    """OFAC's dates of birth as partial ISO dates: ``10 Dec 1948``, ``Jan 1950``, ``1955``,
    ``circa 1960``, ``1960 to 1962`` (every year of a range of at most five)."""
    out: list[str] = []
    for raw in text.split("|"):
        value = raw.strip().lower().removeprefix("circa").strip()
        if match := re.fullmatch(r"(\d{1,2}) ([a-z]{3}) (\d{4})", value):
            day, month, year = match.groups()
            if month in MONTHS:
                out.append(f"{year}-{MONTHS[month]:02d}-{int(day):02d}")
        elif match := re.fullmatch(r"([a-z]{3}) (\d{4})", value):
            month, year = match.groups()
            if month in MONTHS:
                out.append(f"{year}-{MONTHS[month]:02d}")
        elif re.fullmatch(r"\d{4}", value):
            out.append(value)
        elif match := re.fullmatch(r".*?(\d{4}) to .*?(\d{4})", value):
            start, end = int(match.group(1)), int(match.group(2))
            if 0 <= end - start <= 5:
                out.extend(str(year) for year in range(start, end + 1))
    return list(dict.fromkeys(out))


def _documents(text: str) -> list[str]:
    out: list[str] = []
    for raw in text.split("|"):
        value = re.split(r" \(| issued| expires", raw.strip())[0]
        tokens = value.split()
        for at, token in enumerate(tokens):
            if any(c.isdigit() for c in token):
                number = "".join(tokens[at:])
                if len(number) >= 4:
                    out.append(number)
                break
    return list(dict.fromkeys(out))


def _split(text: str) -> list[str]:
    return [v.strip() for v in text.split("|") if v.strip()]


def ofac_aliases(
    data: Path, *, queries: int, negatives: int, seed: int, index_limit: int | None = None
) -> Dataset:
    rng = random.Random(seed)
    people = [r for r in _rows(data / OFAC) if r["sdn_type"] == "individual"]
    entries: list[Entry] = []
    primary_keys: dict[str, set[str]] = defaultdict(set)
    all_keys: set[str] = set()
    unmapped: set[str] = set()
    for person in people:
        entry_id = f"ofac-{person['id']}"
        nationalities = []
        for country in _split(person["nationality"]) + _split(person["citizenship"]):
            code = _country(country)
            if code is None:
                unmapped.add(country)
            elif code not in nationalities:
                nationalities.append(code)
        entries.append(
            Entry(
                entry_id,
                [person["primary_name"].strip()],
                birth_dates=_dates(person["dob"]),
                nationalities=nationalities,
                documents=_documents(person["document_numbers"]),
            )
        )
        key = _name_key(person["primary_name"])
        primary_keys[key].add(entry_id)
        all_keys.add(key)
        for alias in _split(person["aliases"]):
            all_keys.add(_name_key(alias))

    candidates: dict[str, list[tuple[str, str]]] = {"strong": [], "weak": []}
    skipped = 0
    for person in people:
        entry_id = f"ofac-{person['id']}"
        own_key = _name_key(person["primary_name"])
        for kind, column in (("strong", "aliases_strong"), ("weak", "aliases_weak")):
            for alias in _split(person[column]):
                key = _name_key(alias)
                # The same name as the owner's primary one is no test; the same as another
                # person's primary name has no single right answer.
                if not key or key == own_key or primary_keys.get(key, {entry_id}) != {entry_id}:
                    skipped += 1
                    continue
                candidates[kind].append((alias, entry_id))

    out: list[Query] = []
    for kind, items in candidates.items():
        for i, (alias, owner) in enumerate(_sample(rng, sorted(set(items)), queries), start=1):
            out.append(Query(f"{kind[0]}{i}", alias, frozenset({owner}), (f"{kind} alias",)))

    # Not on the list: people of anr_full_name_pairs.csv none of whose Latin spellings has
    # the loose form of a name or alias on the list.
    by_arabic: dict[str, list[_FullName]] = defaultdict(list)
    for row in _full_names(data):
        by_arabic[row.arabic].append(row)
    absent = [
        name
        for name in sorted(by_arabic)
        if len(name.split()) >= 2
        and _name_key(name) not in all_keys
        and not any(_name_key(row.latin) in all_keys for row in by_arabic[name])
    ]
    for i, name in enumerate(_sample(rng, absent, negatives), start=1):
        out.append(Query(f"n{i}a", name, frozenset(), ("absent (arabic)",)))
        latin = rng.choice(sorted({row.latin for row in by_arabic[name]}))
        out.append(Query(f"n{i}l", latin, frozenset(), ("absent (latin)",)))

    notes = [
        f"{len(people):,} individuals; {len(candidates['strong']):,} strong and "
        f"{len(candidates['weak']):,} weak aliases usable ({skipped:,} skipped: same as "
        "the owner's primary name or as another person's)",
    ]
    if unmapped:
        notes.append(f"{len(unmapped)} nationality values not mapped to a country code")
    if index_limit is not None and index_limit < len(entries):
        wanted = {entry_id for query in out for entry_id in query.expected}
        others = [e for e in entries if e.id not in wanted]
        keep = {e.id for e in _sample(rng, others, max(0, index_limit - len(wanted)))}
        notes.append(f"index capped to {len(wanted | keep):,} of {len(entries):,} entries")
        entries = [e for e in entries if e.id in wanted or e.id in keep]
    return Dataset(
        "ofac_aliases",
        "OFAC SDN 2021 individuals under their primary name, screened with their own "
        "aliases (in no index entry); right if the top result is the alias's owner",
        entries=entries,
        queries=out,
        notes=notes,
    )


def build(
    name: str,
    data: Path,
    *,
    queries: int,
    negatives: int,
    pairs: int | None,
    seed: int,
    index_limit: int | None = None,
) -> Dataset:
    """Build one of :data:`DATASETS` from the data folder ``data``."""
    if name == "arabic_latin_full_names":
        return arabic_latin_full_names(
            data, queries=queries, negatives=negatives, seed=seed, index_limit=index_limit
        )
    if name == "word_pairs":
        return word_pairs(data, pairs=pairs, seed=seed)
    if name == "ofac_aliases":
        return ofac_aliases(
            data, queries=queries, negatives=negatives, seed=seed, index_limit=index_limit
        )
    raise ValueError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")


def missing_files(name: str, data: Path) -> list[Path]:
    """The files a set needs that the data folder lacks."""
    needs: dict[str, Iterable[Path]] = {
        "arabic_latin_full_names": [FULL_NAMES],
        "word_pairs": [WIKIDATA_TOKENS],
        "ofac_aliases": [OFAC, FULL_NAMES],
    }
    return [data / path for path in needs[name] if not (data / path).exists()]
