"""Comparing two names part by part, whatever their order, script or spelling."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tabadul.matching.features import Feature
from tabadul.names import (
    NameAnalysis,
    NamePart,
    analyze,
    compare_parts_from,
    sound_similarity,
    surface_similarity,
    term_weight,
)

__all__ = ["NAME_FEATURES", "NameEvidence", "PartMatch", "name_agreement", "name_evidence"]

# A part counts as agreeing from this similarity on (close spellings score below 1).
PART_FLOOR = 0.75
# How much a name part that disagrees (present on both sides, different) counts against.
CONFLICT_PENALTY = 1.0


@dataclass(frozen=True, slots=True)
class PartMatch:
    query: NamePart
    candidate: NamePart
    similarity: float
    reason: str
    basis: str  # see tabadul.names.compare_parts
    query_at: int  # positions among the significant parts (a name may repeat a part:
    candidate_at: int  # Mohamed ould Mohamed, and analysed parts are shared objects)
    query_also: int = -1  # the second of two parts written as one on the other side
    candidate_also: int = -1  # (Gholam Reza / Gholamreza); -1 when none

    def query_span(self) -> tuple[int, ...]:
        return (self.query_at,) if self.query_also < 0 else (self.query_at, self.query_also)

    def candidate_span(self) -> tuple[int, ...]:
        if self.candidate_also < 0:
            return (self.candidate_at,)
        return (self.candidate_at, self.candidate_also)


def _align(q: tuple[NamePart, ...], c: tuple[NamePart, ...]) -> list[PartMatch]:
    """Pair each part with at most one part of the other name, best pairs first: the
    order the parts are written in does not matter ("LAST, First" = "First Last")."""
    # (sort key: weighted similarity, best first, then the positions; the comparison)
    pairs: list[tuple[float, int, int, tuple[float, str, str]]] = []
    for i, a in enumerate(q):
        weight = term_weight(a)
        for j, b in enumerate(c):
            compared = compare_parts_from(a, b, PART_FLOOR)
            if compared[0] >= PART_FLOOR:
                pairs.append((-compared[0] * weight, i, j, compared))
    if not pairs:
        return []
    pairs.sort()  # no two pairs have the same positions: the comparisons never tie
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[PartMatch] = []
    for _, i, j, (similarity, reason, basis) in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        chosen.append(PartMatch(q[i], c[j], similarity, reason, basis, i, j))
    return chosen


def _joined(
    q: tuple[NamePart, ...], c: tuple[NamePart, ...], chosen: list[PartMatch]
) -> list[PartMatch]:
    """Among the parts the alignment left over, two neighbours on one side written as one
    word on the other (*Gholam Reza* / *Gholamreza*, *Sidi Mohamed* / *Sidimohamed*,
    *Mohamed Lamine* / *Mohamedlamine*): pair the joined form with that word."""
    paired_q, paired_c = _paired(chosen)
    free_q = set(range(len(q))) - paired_q
    free_c = set(range(len(c))) - paired_c
    if not free_q or not free_c:
        return []
    found: list[PartMatch] = []
    for i in sorted(free_q):
        if i not in free_q or i + 1 not in free_q:
            continue
        whole = _join(q[i], q[i + 1])
        if whole is None:
            continue
        for j in sorted(free_c):
            similarity, reason, basis = compare_parts_from(whole, c[j], PART_FLOOR)
            if similarity >= PART_FLOOR:
                said = (
                    f"{q[i].text} {q[i + 1].text} ~ {c[j].text}: "
                    f"{_why(reason)}, written as one word"
                )
                found.append(PartMatch(whole, c[j], similarity, said, basis, i, j, i + 1))
                free_q -= {i, i + 1}
                free_c.discard(j)
                break
    for j in sorted(free_c):
        if j not in free_c or j + 1 not in free_c:
            continue
        if not any(_may_join(c[j], c[j + 1], q[i]) for i in free_q):
            continue  # spares analysing a join that cannot match (most candidates)
        whole = _join(c[j], c[j + 1])
        if whole is None:
            continue
        for i in sorted(free_q):
            similarity, reason, basis = compare_parts_from(q[i], whole, PART_FLOOR)
            if similarity >= PART_FLOOR:
                said = (
                    f"{q[i].text} ~ {c[j].text} {c[j + 1].text}: "
                    f"{_why(reason)}, written as two words"
                )
                found.append(PartMatch(q[i], whole, similarity, said, basis, i, j, -1, j + 1))
                free_q.discard(i)
                free_c -= {j, j + 1}
                break
    return found


def _paired(chosen: Sequence[PartMatch]) -> tuple[set[int], set[int]]:
    """The positions of the parts the pairs cover, in the query and in the record."""
    return (
        {i for m in chosen for i in m.query_span()},
        {j for m in chosen for j in m.candidate_span()},
    )


def _may_join(first: NamePart, second: NamePart, whole: NamePart) -> bool:
    """Whether ``whole`` could be ``first`` and ``second`` written as one word: one of
    its comparison keys (consonant skeletons) begins as one of the first's and ends as
    one of the second's, two letters each (*Glmrz* for *Glm* and *rz*; loose enough for
    a doubled letter at the seam or a close spelling)."""
    ends = _ends(whole)
    tails = _tails(second)
    return any((head, tail) in ends for head in _heads(first) for tail in tails)


# A part's keys' first two letters (lower case) and last two, and both at once.
@lru_cache(maxsize=1 << 16)
def _heads(part: NamePart) -> frozenset[str]:
    return frozenset(k[:2].lower() for k in part.keys)


@lru_cache(maxsize=1 << 16)
def _tails(part: NamePart) -> frozenset[str]:
    return frozenset(k[-2:] for k in part.keys)


@lru_cache(maxsize=1 << 16)
def _ends(part: NamePart) -> frozenset[tuple[str, str]]:
    return frozenset((k[:2].lower(), k[-2:]) for k in part.keys)


def _why(reason: str) -> str:
    return reason.partition(": ")[2]


@lru_cache(maxsize=1 << 14)
def _join(a: NamePart, b: NamePart) -> NamePart | None:
    if a.script is not b.script:
        return None
    # lower case for the second word: "GholamReza" would be read as two words again
    parts = analyze(a.text.replace(" ", "") + b.text.replace(" ", "").lower()).significant()
    return parts[0] if len(parts) == 1 else None


@dataclass(frozen=True, slots=True)
class NameEvidence:
    """What the alignment of two names shows, as numbers a fitted model weighs
    (:mod:`tabadul.matching.scoring`, ``tabadul-v2`` and ``-v3``) and as the explanation an officer
    reads. Weights are :func:`~tabadul.names.term_weight` (rare parts near 1, the
    commonest near 0.1); "left" parts are significant parts the alignment did not pair.
    """

    query_parts: int
    candidate_parts: int
    matched: int
    query_cover: float  # agreed weight / query weight, similarity-weighted
    candidate_cover: float  # the same for the record's name
    query_left: float  # weight of query parts not in the record's name
    candidate_left: float  # weight of the record's parts not in the query
    query_left_parts: int
    candidate_left_parts: int
    agreed: float  # weight that agrees, similarity-weighted (query side)
    weakest: float  # lowest similarity among the paired parts (0 when none)
    attested: float  # share of the query's weight paired by same or known spelling
    by_rules: float  # ... by the transliteration rules alone
    loose: float  # ... by a contradicted reading, other vowels or a close spelling
    surface: float  # how alike the paired spellings look (query-weighted mean, 0-1)
    surface_min: float  # ... the least alike pair (0 when none)
    identical: bool  # two or more parts, every one paired with the same spelling
    contained: bool  # two or more parts paired, by same or known spelling, and one
    # name has no part left over: the other is the same name with parts added
    # Read by tabadul-v3 and later only (not model inputs: the v2 fit never saw them).
    less_usual: float = 0.0  # share of the query's weight paired by a less usual reading
    # The two are one name in other spellings or scripts: every significant part of
    # both paired, each by the same spelling or a known one, or across scripts by the
    # transliteration rules' usual reading when the spellings look alike (RULES_LOOK);
    # a one-part name only when not among the commonest (ONE_PART_*); no word of
    # either left out as a title and no honorific (those may be family names).
    equivalent: bool = False
    # Read by tabadul-v4 only. ``equivalent`` and ``contained`` where a pair by the
    # transliteration rules' usual reading counts in either script when the two
    # spellings look alike (RULES_LOOK): *SAAL, Farid* / *SAAL, Fared*, *NGARUYE,
    # Baudoin* / *NGARUYE MPUMURO, Baudouin*. v3 took Latin spellings paired by the
    # rules alone (Baudouin / Baudoin) for evidence too weak for either.
    equivalent_alike: bool = False
    contained_alike: bool = False
    # (v4) ``contained_alike`` once each part left over on the side with fewer left is
    # taken for a near spelling of one left on the other side, where neither is among
    # the common names (weight NEAR_WEIGHT or more) and they look alike (NEAR_LOOK):
    # *PAULICHENKA, Dmitry Valeryevich* / *PAULICHENKA, Dzmitry Valeryevich*. A near
    # spelling of an uncommon name is most likely that name, where one of a common name
    # is most likely another common name (*Ahmed* / *Hamed*).
    contained_near: bool = False
    # (v4) Each name written *LAST, First* has its first given name and a part of its
    # family name paired (NameAnalysis.first_given, .family), by the same, a known or
    # an alike spelling (or as a near spelling, as for ``contained_near``); at least one
    # of the two names is written so. Then only middle names can differ.
    core_agrees: bool = False
    # The parts of both names and the pairs chosen: what the explanation is written from.
    aligned: tuple[tuple[NamePart, ...], tuple[NamePart, ...], tuple[PartMatch, ...]] = field(
        default=((), (), ()), repr=False, compare=False
    )

    @property
    def explanation(self) -> str:
        """What agrees and what does not, as an officer reads it (written when asked:
        a scorer asks only for the name it keeps)."""
        return _explain(*self.aligned)

    def vector(self) -> tuple[float, ...]:
        """The model's inputs, in the order of ``NAME_FEATURES``."""
        left_q = self.query_left_parts
        left_c = self.candidate_left_parts
        complete = float(left_q == 0 and left_c == 0)
        one_part = float(min(self.query_parts, self.candidate_parts) == 1)
        agreed = min(self.agreed, 3.0)
        attested = self.attested
        return (
            self.query_cover,
            self.candidate_cover,
            self.query_left,
            self.candidate_left,
            float(left_q),
            float(left_c),
            float(min(left_q, left_c) > 0),
            agreed,
            float(self.matched == 1),
            float(self.matched >= 3),
            self.weakest,
            one_part,
            attested,
            self.by_rules,
            self.loose,
            complete,
            complete * attested,
            complete * agreed,
            one_part * attested,
            one_part * agreed,
            self.surface,
            self.surface_min,
        )


NAME_FEATURES = (
    "query_cover",
    "candidate_cover",
    "query_left",
    "candidate_left",
    "query_left_parts",
    "candidate_left_parts",
    "both_left",
    "agreed",
    "one_part_agrees",
    "three_parts_agree",
    "weakest",
    "one_part_name",
    "attested",
    "by_rules",
    "loose",
    "complete",
    "complete_attested",
    "complete_agreed",
    "one_part_attested",
    "one_part_agreed",
    "surface",
    "surface_min",
)


# tabadul-v3's equivalence (NameEvidence.equivalent). A part paired across scripts by
# the rules' usual reading alone counts only when the two spellings look alike
# (surface similarity: *نفناف* / *Nafnaf*, not *مدبر* / *Maddipour*).
RULES_LOOK = 0.9
# A one-part name is a whole name only when it is not among the commonest: *Youssef*
# (weight 0.39) alone can be a hit, *Mohamed* (0.1), *Ali* (0.2) or *Ahmed* (0.22)
# alone cannot; paired by the rules alone, only when it is rarer still.
ONE_PART_WEIGHT = 0.3
ONE_PART_RULES_WEIGHT = 0.6
# (v4) A name paired in part by the rules alone is the whole name only when the parts
# that agree weigh this much (term weights): *محمد غالم* / *Mohamed Ghaloum* (0.65,
# the rules' reading of a common name next to Mohamed) is not.
RULES_AGREED = 0.7
_ATTESTED = frozenset({"same", "known"})
_BY_RULES = frozenset({"rules", "less_usual"})
_LOOSE = frozenset({"contradicted", "vowels", "close"})


def name_evidence(query: NameAnalysis, candidate: NameAnalysis) -> NameEvidence | None:
    """Align the significant parts of two names (any order, script or spelling) and
    measure the agreement; ``None`` when either name has no significant part."""
    q = query.significant()
    c = candidate.significant()
    if not q or not c:
        return None
    chosen = _align(q, c)
    if len(chosen) < min(len(q), len(c)):  # else no part is left on one side to join
        chosen += _joined(q, c, chosen)
    weights_q = [term_weight(p) for p in q]
    weights_c = [term_weight(p) for p in c]
    weight_q = sum(weights_q, 0.0)
    weight_c = sum(weights_c, 0.0)
    # One pass over the pairs, gathering the terms of every sum below in the order of
    # ``chosen`` (``sum`` adds them as it always did: the floats come out the same).
    # A pair covers one part on each side, or two when one side wrote a name as two
    # words: ``wq``/``wc`` are the weights it covers.
    wq: list[float] = []
    wc: list[float] = []
    agreed_q: list[float] = []
    agreed_c: list[float] = []
    attested: list[float] = []
    by_rules: list[float] = []
    loose: list[float] = []
    looks: list[float] = []
    seen: list[float] = []
    less_usual: list[float] = []
    equivalent = True
    rules_across = False  # a pair across scripts by the transliteration rules alone
    rules_look = 1.0  # ... the least alike of those pairs
    rules_same = False  # a pair within one script by the transliteration rules alone
    alike_look = 1.0  # the least alike pair by the rules' usual reading, either script
    alike = True  # every pair the same, known, or by the rules' usual reading (v4)
    left_q = len(q)
    left_c = len(c)
    identical = len(q) == len(c) == len(chosen) >= 2
    contained = len(chosen) >= 2
    for m in chosen:
        if m.query_also < 0:
            w_q = weights_q[m.query_at]
            left_q -= 1
        else:
            w_q = weights_q[m.query_at] + weights_q[m.query_also]
            left_q -= 2
        if m.candidate_also < 0:
            w_c = weights_c[m.candidate_at]
            left_c -= 1
        else:
            w_c = weights_c[m.candidate_at] + weights_c[m.candidate_also]
            left_c -= 2
        wq.append(w_q)
        wc.append(w_c)
        agreed_q.append(w_q * m.similarity)
        agreed_c.append(w_c * m.similarity)
        basis = m.basis
        if basis in _ATTESTED:
            attested.append(w_q)
            look = 1.0
        else:
            contained = False
            look = surface_similarity(m.query, m.candidate)
            if basis in _BY_RULES:
                by_rules.append(w_q)
                if basis == "less_usual":
                    less_usual.append(w_q)
                    equivalent = False
                    alike = False
                else:
                    if look < RULES_LOOK <= alike_look and len(chosen) >= 2:
                        # (v4) how the spellings sound, once brought to one convention
                        # (not for a one-part name: one word is too little to go on)
                        look_v4 = max(look, sound_similarity(m.query, m.candidate))
                    else:
                        look_v4 = look
                    alike_look = min(alike_look, look_v4)
                    if m.query.script is m.candidate.script:
                        rules_same = True  # Latin spellings alike by the rules alone
                    else:
                        rules_across = True
                        rules_look = min(rules_look, look)
            elif basis in _LOOSE:
                loose.append(w_q)
                equivalent = False
                alike = False
        if basis != "same":
            identical = False
        looks.append(look)
        seen.append(w_q * look)
    paired = sum(wq, 0.0)
    agreed = sum(agreed_q, 0.0)
    # The conditions ``equivalent`` and its v4 form share: the whole of both names,
    # paired, no title set aside, no honorific, a one-part name only when uncommon.
    whole = (
        left_q == 0
        and left_c == 0
        and bool(chosen)
        and not (query.titled or candidate.titled)
        and not any(p.kind == "honorific" for p in (*query.parts, *candidate.parts))
    )
    lightest = min(weight_q, weight_c)
    alike = alike and alike_look >= RULES_LOOK
    nested = len(chosen) >= 2 and min(left_q, left_c) == 0
    # (v4) the leftover parts' near spellings and the turned names' cores, read from
    # the positions the pairs cover (found once, and only when either is asked)
    ask_near = alike and len(chosen) >= 2 and min(left_q, left_c) > 0
    ask_core = alike and bool(query.family or candidate.family)
    covered = _paired(chosen) if ask_near or ask_core else (set(), set())
    near = _near_left(q, c, weights_q, weights_c, covered) if ask_near else None
    return NameEvidence(
        query_parts=len(q),
        candidate_parts=len(c),
        matched=len(chosen),
        query_cover=agreed / weight_q,
        candidate_cover=sum(agreed_c, 0.0) / weight_c,
        query_left=weight_q - paired,
        candidate_left=weight_c - sum(wc, 0.0),
        query_left_parts=left_q,
        candidate_left_parts=left_c,
        agreed=agreed,
        weakest=min((m.similarity for m in chosen), default=0.0),
        attested=sum(attested, 0.0) / weight_q,
        by_rules=sum(by_rules, 0.0) / weight_q,
        loose=sum(loose, 0.0) / weight_q,
        surface=sum(seen, 0.0) / paired if chosen else 0.0,
        surface_min=min(looks, default=0.0),
        identical=identical,
        contained=contained and nested,
        less_usual=sum(less_usual, 0.0) / weight_q,
        aligned=(q, c, tuple(chosen)),
        equivalent=equivalent
        and not rules_same
        and whole
        and (not rules_across or rules_look >= RULES_LOOK)
        and (
            len(chosen) >= 2
            or lightest >= (ONE_PART_RULES_WEIGHT if rules_across else ONE_PART_WEIGHT)
        ),
        equivalent_alike=alike
        and whole
        and (agreed >= RULES_AGREED or not (rules_across or rules_same))
        and (
            len(chosen) >= 2
            or (
                not rules_same
                and lightest >= (ONE_PART_RULES_WEIGHT if rules_across else ONE_PART_WEIGHT)
            )
        ),
        contained_alike=alike and nested,
        contained_near=near is not None,
        core_agrees=ask_core and _core_paired(query, candidate, covered, near or ()),
    )


def _core_paired(
    query: NameAnalysis,
    candidate: NameAnalysis,
    paired: tuple[set[int], set[int]],
    near: Sequence[tuple[int, int]],
) -> bool:
    """Whether each name written *LAST, First* has its first given name and a part of
    its family name (*LAREDO* of *LAREDO DONJUAN*) paired, by the alignment
    (``paired``: :func:`_paired`) or as a near spelling (``near``)."""
    paired_q = paired[0] | {i for i, _ in near}
    paired_c = paired[1] | {j for _, j in near}
    return all(
        not name.family or (name.first_given in paired and any(i in paired for i in name.family))
        for name, paired in ((query, paired_q), (candidate, paired_c))
    )


# (v4) A part left over on each side is a near spelling of the other when neither is
# among the common names (term weight) and their spellings look this alike (surface
# similarity, Jaro-Winkler).
NEAR_WEIGHT = 0.6
NEAR_LOOK = 0.85


def _near_left(
    q: tuple[NamePart, ...],
    c: tuple[NamePart, ...],
    weights_q: list[float],
    weights_c: list[float],
    paired: tuple[set[int], set[int]],
) -> list[tuple[int, int]] | None:
    """Each part left over on the side with fewer left (``paired``: the positions the
    alignment covers, :func:`_paired`) paired with a distinct one left on the other
    side, as a near spelling (NEAR_WEIGHT, NEAR_LOOK): the positions of the pairs
    (query, record), or ``None`` when a part finds none."""
    paired_q, paired_c = paired
    free_q = [i for i in range(len(q)) if i not in paired_q]
    free_c = [j for j in range(len(c)) if j not in paired_c]
    query_fewer = len(free_q) <= len(free_c)
    fewer, more = (free_q, free_c) if query_fewer else (free_c, free_q)
    parts_f, weights_f = (q, weights_q) if query_fewer else (c, weights_c)
    parts_m, weights_m = (c, weights_c) if query_fewer else (q, weights_q)
    left = [k for k in more if weights_m[k] >= NEAR_WEIGHT]
    found: list[tuple[int, int]] = []
    for k in fewer:
        if weights_f[k] < NEAR_WEIGHT or not left:
            return None
        looks = [surface_similarity(parts_f[k], parts_m[x]) for x in left]
        best = max(range(len(left)), key=looks.__getitem__)
        if looks[best] < NEAR_LOOK:
            return None
        found.append((k, left[best]) if query_fewer else (left[best], k))
        del left[best]
    return found


def _looks(m: PartMatch) -> float:
    return 1.0 if m.basis in _ATTESTED else surface_similarity(m.query, m.candidate)


def _explain(q: tuple[NamePart, ...], c: tuple[NamePart, ...], chosen: Sequence[PartMatch]) -> str:
    matched = "; ".join(m.reason for m in chosen)
    paired_q, paired_c = _paired(chosen)
    missing = [p.text for i, p in enumerate(q) if i not in paired_q]
    extra = [p.text for j, p in enumerate(c) if j not in paired_c]
    notes = []
    if missing:
        notes.append("not in the record: " + ", ".join(missing))
    if extra:
        notes.append("only in the record: " + ", ".join(extra))
    return (matched or "no part of the names agrees") + (
        " (" + "; ".join(notes) + ")" if notes else ""
    )


def name_agreement(query: NameAnalysis, candidate: NameAnalysis) -> tuple[Feature, float]:
    """Names agree as far as their significant parts (not particles such as ben, ould,
    al-, nor titles) are the same names, in any order and script, each weighted by how
    rare it is: sharing "Mohamed" proves little, sharing "Dabski" much. The shorter name
    must be explained in full; parts only the longer name has (a middle name, a
    grandfather's name) cost a little; a part each side has but that differs (another
    family name) counts against. Also returns how informative the agreement is (0-1)."""
    q = query.significant()
    c = candidate.significant()
    if not q or not c:
        return Feature("name", 0.0, query.original, candidate.original, "no name to compare"), 0.0
    chosen = _align(q, c)
    weight_q = sum((term_weight(p) for p in q), 0.0)
    weight_c = sum((term_weight(p) for p in c), 0.0)
    agreed_q = sum((term_weight(m.query) * m.similarity for m in chosen), 0.0)
    agreed_c = sum((term_weight(m.candidate) * m.similarity for m in chosen), 0.0)
    # Parts left over on both sides are names that disagree (a different family name):
    # evidence against. Parts only one side has (a middle name) merely go unexplained.
    left_q = weight_q - sum((term_weight(m.query) for m in chosen), 0.0)
    left_c = weight_c - sum((term_weight(m.candidate) for m in chosen), 0.0)
    conflict = min(left_q, left_c)
    cover = (
        min(agreed_q / weight_q, agreed_c / weight_c)
        if conflict > 0
        else max(agreed_q / weight_q, agreed_c / weight_c) * 0.8
        + 0.2 * min(agreed_q / weight_q, agreed_c / weight_c)
    )
    score = max(-1.0, cover - CONFLICT_PENALTY * conflict / min(weight_q, weight_c))
    explanation = _explain(q, c, chosen)
    # How much the agreement says: rare parts say more, and so does each further part
    # that agrees (a full three-part name, even of common names, is telling).
    information = min(1.0, agreed_q / 1.2 + 0.25 * max(0, len(chosen) - 1))
    return Feature(
        "name", round(score, 4), query.original, candidate.original, explanation
    ), information
