"""Build the name resources tabadul ships (src/tabadul/names/data/) from ../shared/data.

    .venv/bin/python scripts/build_name_resources.py [--data DIR] [--out DIR]
    .venv/bin/python scripts/build_name_resources.py --evaluate [--strict]

Sources (licences and credits in THIRD_PARTY_NOTICES.md):

- ``name_part_groups/rigour_arabic_latin_pairs.csv`` (rigour, MIT): every pair;
- ``wikidata_name_tokens/netranslit_wd_arabic_tokens.csv`` (CC0): ``train`` rows with
  ``count >= 2`` only (the ``dev`` and ``test`` rows are held out);
- ``google_ar2en/google_ar2en_pairs.csv`` (Apache-2.0): ``train`` rows only;
- ``arabic_latin_full_names/anr_name_unit_pairs.csv`` (MIT): only the pairs that occur
  together in a full name of the *train* part of ``anr_full_name_pairs.csv``. That file
  has no split; the build makes one: a full name is held out (``test``) when
  ``int(sha256(arabic).hexdigest()[:8], 16) % 10 < 2`` (``arabic`` as in the file), so a
  benchmark can measure on names whose parts the build did not learn from them.

The OFAC list is never used. A pair enters the variant dictionary only when the
package's own spelling rules find it plausible (similarity >= 0.5 without any
dictionary), so alignment noise (``جون`` → *jihadi*) does not become a variant.

``--evaluate`` prints part-level agreement on the held-out rows (wikidata ``test``,
google ``test``): the share of true (Arabic, Latin) pairs that share a key and that score
>= 0.9, and the same for shuffled (false) pairs, for the rules alone and with the
dictionary. ``--strict`` also removes, from every source, the pairs that occur in a
held-out row (rigour and the name units come from Wikidata too), for figures with no
overlap at all; the files it writes then are for measuring only.

The output is deterministic: sorted lines, gzip without a time stamp.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from tabadul.domain.enums import Script
from tabadul.names import _dictionary, analyze, part_similarity
from tabadul.names._dictionary import NameDictionary, read_frequencies, read_variants

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "tabadul" / "names" / "data"
PLAUSIBLE = 0.5
RULE_MATCH = 0.9
RIGOUR_COUNT = 2  # a curated pair counts as two sightings
COMPETITION = 20  # drop (a, l) when another Arabic word has l twenty times as often
MIN_SHARE = 0.002  # a pair the rules reject needs 0.2% of the Arabic word's sightings
FORMAT_VERSION = 1

Pair = tuple[str, str]  # (Arabic form, Latin form) as analysis keys them

# Regional spellings the public sources barely have: West African (Sahel), Mauritanian,
# Chadian, Somali and Comorian forms of common Arabic names. Written for this project;
# each counts as HAND_COUNT sightings and skips the plausibility test.
HAND_WRITTEN = """
محمد | mamadou mahamadou mohamedou mouhamadou mahamat mahamet mamadu momodou muhammadu maxamed
أحمد | amadou ahmadou ahmadu ahmat axmed
محمود | mahamoud mohamud maxamuud
عبد الله | abdoulaye abdullahi abdallahi abdillahi cabdullahi
عبد الرحمن | abdourahamane abdourahmane abdirahman abdurahman
عبد القادر | abdoulkader abdoulkadri abdiqadir abdikadir
عمر | oumar oumarou umaru cumar
عثمان | ousmane ousman usman
إبراهيم | ibrahima brahim
إدريس | idrissa driss
يوسف | youssouf yousouf yuusuf
موسى | moussa muuse
عيسى | issa aissa ciise
يحيى | yaya yahaya
أبو بكر | boubacar aboubakar abubakar abakar boubakar boubker boubekeur abuukar
علي | aliou cali
حسين | housseini xuseen
حسن | hassane xasan
فاطمة | fatoumata fadumo fatimetou faadumo
عائشة | aissata aichetou asha caasha
خديجة | khadidiatou khadijetou
مريم | maryan mariama
زينب | zeinabou
أمينة | aminata
سليمان | souleymane
الشيخ | cheick sheekh
مختار | moctar
إسحاق | issiaka
صالح | soilihi
زكرياء | zakari
داود | daouda
يونس | younoussa
"""
HAND_COUNT = 5


def anr_split(arabic: str) -> str:
    """``test`` for one full name in five of ``anr_full_name_pairs.csv``, else ``train``."""
    return "test" if _anr_bucket(arabic) < 2 else "train"


def anr_calibration(arabic: str) -> bool:
    """One *train* full name in four (a fifth of the file): the names the scorer's fit
    (scripts/calibrate_scorer.py) is asked, with a dictionary built without them
    (``build(..., calibration=True)``), so that it learns how names the dictionary does
    not know compare. The shipped dictionary learns from them as from any train name."""
    return _anr_bucket(arabic) in (2, 3)


def _anr_bucket(arabic: str) -> int:
    return int(hashlib.sha256(arabic.encode()).hexdigest()[:8], 16) % 10


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _single_part(text: str, script: Script) -> str | None:
    """The dictionary form of ``text`` when it analyses as one significant part."""
    parts = analyze(text).significant()
    if len(parts) != 1 or parts[0].script is not script:
        return None
    return parts[0].form or None


class Sources:
    """The rows of ../shared/data the build reads, split into used and held out."""

    def __init__(self, data: Path, *, without_calibration: bool = False) -> None:
        self.data = data
        self.without_calibration = without_calibration
        self.files = {
            "rigour": data / "name_part_groups" / "rigour_arabic_latin_pairs.csv",
            "wikidata": data / "wikidata_name_tokens" / "netranslit_wd_arabic_tokens.csv",
            "google": data / "google_ar2en" / "google_ar2en_pairs.csv",
            "anr_units": data / "arabic_latin_full_names" / "anr_name_unit_pairs.csv",
            "anr_full": data / "arabic_latin_full_names" / "anr_full_name_pairs.csv",
        }
        missing = [str(p) for p in self.files.values() if not p.exists()]
        if missing:
            raise SystemExit(f"missing source files: {', '.join(missing)}")

    def held_out(self) -> dict[str, list[tuple[str, str, int]]]:
        """Held-out (arabic, latin, count) rows: wikidata dev/test, google eval/test."""
        out: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for row in _rows(self.files["wikidata"]):
            if row["split"] != "train":
                out[f"wikidata_{row['split']}"].append(
                    (row["arabic"], row["latin"], int(row["count"]))
                )
        for row in _rows(self.files["google"]):
            if row["split"] != "train":
                out[f"google_{row['split']}"].append((row["arabic"], row["latin"], 1))
        return dict(out)

    def training(self) -> Iterator[tuple[str, str, str, int]]:
        """(source, arabic, latin, count) rows the build may learn from."""
        for line in HAND_WRITTEN.strip().splitlines():
            arabic, _, latins = line.partition("|")
            for latin in latins.split():
                yield "hand_written", arabic.strip(), latin, HAND_COUNT
        for row in _rows(self.files["rigour"]):
            yield "rigour", row["arabic"], row["latin"], RIGOUR_COUNT
        for row in _rows(self.files["wikidata"]):
            if row["split"] == "train" and int(row["count"]) >= 2:
                yield "wikidata", row["arabic"], row["latin"], int(row["count"])
        for row in _rows(self.files["google"]):
            if row["split"] == "train":
                yield "google", row["arabic"], row["latin"], 1
        aligned = self._anr_aligned()
        for row in _rows(self.files["anr_units"]):
            pair = _pair_forms(row["arabic"], row["latin"])
            if pair and pair in aligned:
                yield "anr_units", row["arabic"], row["latin"], int(row["count"] or 1)

    def _anr_aligned(self) -> set[Pair]:
        """(Arabic part, Latin part) forms at the same place in a train full name whose
        two scripts have as many significant parts."""
        aligned: set[Pair] = set()
        for arabic, latin in self.anr_full_names("train"):
            a = analyze(arabic).significant()
            b = analyze(latin).significant()
            if len(a) == len(b):
                aligned.update((x.form, y.form) for x, y in zip(a, b, strict=True))
        return aligned

    def anr_full_names(self, split: str) -> Iterator[tuple[str, str]]:
        for row in _rows(self.files["anr_full"]):
            if anr_split(row["arabic"]) == split and not (
                self.without_calibration and anr_calibration(row["arabic"])
            ):
                yield row["arabic"], row["latin"]


def _pair_forms(arabic: str, latin: str) -> Pair | None:
    a = _single_part(arabic, Script.ARABIC)
    b = _single_part(latin, Script.LATIN)
    return (a, b) if a and b else None


def build_variants(
    rows: Iterable[tuple[str, str, str, int]], exclude: set[Pair]
) -> tuple[dict[str, Counter[str]], Counter[str]]:
    """Aggregate plausible pairs per Arabic form, then keep those with evidence:

    - a pair the rules accept (similarity >= 0.9) stays unless the Latin spelling belongs
      to another Arabic word: seen twenty times as often with it (*Mahmoud* is محمود, not
      محمد, however the rules read it);
    - a pair the rules only find close (0.5-0.9) also needs two sightings and 0.2% of
      the Arabic word's sightings (alignment noise is rare per word).

    Also counts the rows kept per source."""
    _dictionary.use(NameDictionary())  # judge by the rules alone
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    matched: set[Pair] = set()
    per_source: dict[Pair, set[str]] = defaultdict(set)
    judged: dict[tuple[str, str], tuple[Pair, bool] | None] = {}
    for source, arabic, latin, count in rows:
        cache_key = (arabic, latin)
        if cache_key not in judged or source == "hand_written":
            judged[cache_key] = _judge(arabic, latin, source == "hand_written")
        verdict = judged[cache_key]
        if verdict is None or verdict[0] in exclude:
            continue
        pair, rule_match = verdict
        counts[pair[0]][pair[1]] += count
        per_source[pair].add(source)
        if rule_match:
            matched.add(pair)
    _dictionary.use(None)
    best_for_latin: Counter[str] = Counter()
    for latins in counts.values():
        for latin, n in latins.items():
            best_for_latin[latin] = max(best_for_latin[latin], n)
    kept: Counter[str] = Counter()
    filtered: dict[str, Counter[str]] = {}
    for arabic, latins in counts.items():
        total = sum(latins.values())
        keep = Counter(
            {
                latin: n
                for latin, n in latins.items()
                if n * COMPETITION >= best_for_latin[latin]
                and ((arabic, latin) in matched or (n >= 2 and n >= MIN_SHARE * total))
            }
        )
        if keep:
            filtered[arabic] = keep
            for latin in keep:
                kept.update(per_source[(arabic, latin)])
    return filtered, kept


def _judge(arabic: str, latin: str, hand_written: bool = False) -> tuple[Pair, bool] | None:
    a_parts = analyze(arabic).significant()
    l_parts = analyze(latin).significant()
    if len(a_parts) != 1 or len(l_parts) != 1:
        return None
    a, b = a_parts[0], l_parts[0]
    if a.script is not Script.ARABIC or b.script is not Script.LATIN or not a.form or not b.form:
        return None
    score = part_similarity(a, b)[0]
    if score < PLAUSIBLE and not hand_written:
        return None
    return (a.form, b.form), score >= RULE_MATCH or hand_written


def variants_lines(counts: dict[str, Counter[str]]) -> list[str]:
    lines = []
    for arabic in sorted(counts):
        ranked = sorted(counts[arabic].items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append(arabic + "\t" + " ".join(f"{latin}:{n}" for latin, n in ranked))
    return lines


def frequency_lines(names: Iterable[str]) -> list[str]:
    """Per comparison key, the number of reference names with a part carrying it."""
    frequencies: Counter[str] = Counter()
    total = 0
    for name in names:
        total += 1
        keys: set[str] = set()
        for part in analyze(name).significant():
            keys.update(part.keys)
        frequencies.update(keys)
    lines = [f"#total\t{total}"]
    lines += [f"{k}\t{n}" for k, n in sorted(frequencies.items()) if n >= 2]
    return lines


def write_gzip(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def build(
    data: Path, out: Path, *, strict: bool, without_calibration: bool = False
) -> dict[str, object]:
    """Write the resources to ``out``; ``without_calibration`` leaves the scorer's
    calibration names (:func:`anr_calibration`) out too (for scripts/calibrate_scorer.py;
    never shipped)."""
    sources = Sources(data, without_calibration=without_calibration)
    held = sources.held_out()
    exclude: set[Pair] = set()
    if strict:
        _dictionary.use(NameDictionary())
        for rows in held.values():
            for arabic, latin, _ in rows:
                pair = _pair_forms(arabic, latin)
                if pair:
                    exclude.add(pair)
        _dictionary.use(None)
    counts, kept = build_variants(sources.training(), exclude)
    lines = variants_lines(counts)
    out.mkdir(parents=True, exist_ok=True)
    write_gzip(out / _dictionary.VARIANTS_FILE, lines)
    # Frequencies are counted with the new dictionary active, as analysis will see it.
    spellings, numbers = read_variants(lines)
    _dictionary.use(NameDictionary(spellings, numbers))
    names = sorted(
        {n for pair in sources.anr_full_names("train") for n in pair}  # both scripts
    )
    freq_lines = frequency_lines(names)
    write_gzip(out / _dictionary.FREQUENCIES_FILE, freq_lines)
    _dictionary.use(None)
    manifest: dict[str, object] = {
        "format": FORMAT_VERSION,
        "built_by": "scripts/build_name_resources.py",
        "strict_holdout": strict,
        "without_calibration": without_calibration,
        "sources": {
            name: {"file": str(path.relative_to(data)), "sha256": _sha256(path)}
            for name, path in sources.files.items()
        },
        "hand_written_sha256": hashlib.sha256(HAND_WRITTEN.encode()).hexdigest(),
        "pairs_per_source": dict(sorted(kept.items())),
        "arabic_words": len(counts),
        "pairs": sum(len(c) for c in counts.values()),
        "frequency_keys": len(freq_lines) - 1,
        "reference_names": read_frequencies(freq_lines[:1])[1],
        "held_out": {
            "wikidata_name_tokens": "split dev and test",
            "google_ar2en": "split eval and test",
            "anr_full_name_pairs": "int(sha256(arabic).hexdigest()[:8], 16) % 10 < 2",
        },
        "plausibility_threshold": PLAUSIBLE,
        "rule_match": RULE_MATCH,
        "rigour_count": RIGOUR_COUNT,
        "competition": COMPETITION,
        "min_share": MIN_SHARE,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def _agreement(pairs: list[tuple[str, str]]) -> tuple[float, float, int]:
    """(share sharing a key, share scoring >= 0.9, pairs compared)."""
    shared = scored = n = 0
    for arabic, latin in pairs:
        a = analyze(arabic).significant()
        b = analyze(latin).significant()
        if len(a) != 1 or len(b) != 1:
            continue
        n += 1
        if not a[0].keys.isdisjoint(b[0].keys):
            shared += 1
        if part_similarity(a[0], b[0])[0] >= 0.9:
            scored += 1
    return (shared / n if n else 0.0, scored / n if n else 0.0, n)


def _false_pairs(pairs: list[tuple[str, str]], seed: int = 0) -> list[tuple[str, str]]:
    truth = set(pairs)
    by_arabic: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        by_arabic[a].add(b.lower())
    latins = [b for _, b in pairs]
    random.Random(seed).shuffle(latins)  # noqa: S311 - a reproducible shuffle, not a secret
    return [
        (a, b)
        for (a, _), b in zip(pairs, latins, strict=True)
        if (a, b) not in truth and b.lower() not in by_arabic[a]
    ]


def aligned_parts(full_names: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(Arabic part, Latin part) of full names whose scripts have as many significant
    parts, paired in order (distinct pairs, sorted)."""
    pairs: set[tuple[str, str]] = set()
    for arabic, latin in full_names:
        a = analyze(arabic).significant()
        b = analyze(latin).significant()
        if len(a) == len(b):
            pairs.update((x.text, y.text) for x, y in zip(a, b, strict=True))
    return sorted(pairs)


def evaluate(held: dict[str, list[tuple[str, str, int]]], sources: Sources) -> None:
    sets = {
        "wikidata test": [(a, b) for a, b, _ in held["wikidata_test"]],
        "wikidata test, count>=2": [(a, b) for a, b, c in held["wikidata_test"] if c >= 2],
        "google test": [(a, b) for a, b, _ in held["google_test"]],
        "anr test names, parts": aligned_parts(sources.anr_full_names("test")),
    }
    shipped = _dictionary.active()
    for label, dictionary in (("rules only", NameDictionary()), ("with dictionary", shipped)):
        _dictionary.use(dictionary)
        for name, pairs in sets.items():
            t_key, t_score, n = _agreement(pairs)
            f_key, f_score, m = _agreement(_false_pairs(pairs))
            sys.stdout.write(
                f"{label:16} {name:24} true pairs: key {t_key:.3f}, >=0.9 {t_score:.3f} "
                f"(n={n}); false pairs: key {f_key:.3f}, >=0.9 {f_score:.4f} (n={m})\n"
            )
    _dictionary.use(None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--evaluate", action="store_true", help="print held-out agreement")
    parser.add_argument(
        "--strict", action="store_true", help="also drop held-out pairs from every source"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    manifest = build(args.data, args.out, strict=args.strict)
    sys.stderr.write(
        f"{json.dumps(manifest['pairs_per_source'])} -> {args.out}\n"
        f"{manifest['arabic_words']} Arabic words, {manifest['pairs']} pairs, "
        f"{manifest['frequency_keys']} frequency keys in {time.perf_counter() - started:.0f} s\n"
    )
    if args.evaluate:
        sources = Sources(args.data)
        _dictionary.use(_dictionary.NameDictionary(*_load(args.out)))
        evaluate(sources.held_out(), sources)
    return 0


def _load(
    out: Path,
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[int, ...]], dict[str, int], int]:
    def lines(name: str) -> list[str]:
        return gzip.decompress((out / name).read_bytes()).decode("utf-8").splitlines()

    spellings, numbers = read_variants(lines(_dictionary.VARIANTS_FILE))
    frequencies, total = read_frequencies(lines(_dictionary.FREQUENCIES_FILE))
    return spellings, numbers, frequencies, total


if __name__ == "__main__":
    sys.exit(main())
