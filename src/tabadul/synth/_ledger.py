"""The generator's running state, and the builders of records any part of it makes.

The :class:`Ledger` is the one place that hands out external ids and document numbers
and remembers the little the generator needs to refer back to: the external id of each
group record per owner, the last persons of each owner and of each group. Everything
it remembers is bounded (recent persons are kept in short deques), so memory does not
grow with the number of persons.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from datetime import date

from tabadul.domain.enums import DocumentType, EventType, LinkType, NoticeStatus, NoticeType
from tabadul.model.records import (
    AntecedentIn,
    DocumentIn,
    EventIn,
    GroupIn,
    LinkIn,
    NoticeIn,
    PersonIn,
)
from tabadul.synth import _content as content
from tabadul.synth._draw import NumberSeries, Weighted, between, years_before
from tabadul.synth._naming import Identity
from tabadul.synth._region import AGENCIES, COUNTRIES, NEIGHBOURS, AgencySpec
from tabadul.synth._spelling import Style

__all__ = ["AGENCY", "REFERENCE_DATE", "AnyRecordIn", "Ledger", "OwnedRecord"]

REFERENCE_DATE = date(2026, 1, 1)
"""Every date is drawn relative to this day, never to today, so output is reproducible."""

AnyRecordIn = PersonIn | DocumentIn | AntecedentIn | NoticeIn | GroupIn | LinkIn | EventIn

AGENCY: dict[str, AgencySpec] = {agency.code: agency for agency in AGENCIES}

_NOTICE_STATUS = Weighted(content.NOTICE_STATUS)
_LINK_SHARING = Weighted(content.LINK_SHARING)
_LAST_YEAR = REFERENCE_DATE.year - 1


@dataclass(frozen=True)
class OwnedRecord:
    """A record and the code of the agency that owns it."""

    owner: str
    record: AnyRecordIn


class Ledger:
    """Ids, numbers and short memories shared by every part of one generation run."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._counters: dict[tuple[str, str], int] = {}
        self._series: dict[tuple[str, DocumentType], NumberSeries] = {}
        self.group_ids: dict[tuple[str, int], str] = {}
        """(owner, group index) → the external id of that owner's record of the group."""
        self.recent: dict[str, deque[tuple[str, Identity, date]]] = {
            code: deque(maxlen=32) for code in AGENCY
        }
        """Per owner, the last persons it recorded: (external id, identity, birth)."""
        self.comembers: dict[tuple[str, int], deque[str]] = {}
        """Per (owner, group index), the last members that owner recorded."""
        self.led: set[tuple[str, int]] = set()
        """The (owner, group index) pairs for which a leader has been recorded."""

    # --- ids and numbers ----------------------------------------------------------------

    def seq(self, owner: str, counter: str) -> int:
        """The next number of one of ``owner``'s counters, from 1."""
        key = (owner, counter)
        number = self._counters.get(key, 0) + 1
        self._counters[key] = number
        return number

    def ext(self, owner: str, letter: str) -> str:
        """The next external id of ``owner`` for records of one kind (``p`` persons,
        ``d`` documents, ``a`` antecedents, ``n`` notices, ``g`` groups, ``l`` links,
        ``e`` events): ``ma-ncb-p-000123``."""
        return f"{owner.lower()}-{letter}-{self.seq(owner, letter):06d}"

    def number(self, issuer: str, doc_type: DocumentType) -> str:
        """A new passport (or identity card) number of ``issuer``, unique for it."""
        key = (issuer, doc_type)
        series = self._series.get(key)
        if series is None:
            country = COUNTRIES[issuer]
            fmt = country.doc_format if doc_type is DocumentType.PASSPORT else country.id_format
            series = self._series[key] = NumberSeries(fmt, self.rng)
        return series.next()

    # --- geography ----------------------------------------------------------------------

    @staticmethod
    def style(owner: str) -> tuple[Style, str]:
        """The spelling style and country of ``owner``'s registry (``en`` and no country
        for the secretariat)."""
        country = AGENCY[owner].country
        return ("en", "") if country is None else (COUNTRIES[country].style, country)

    def neighbour(self, country: str) -> str:
        """Mostly a member bordering ``country``, sometimes any other member."""
        near = NEIGHBOURS[country]
        if near and self.rng.random() < 0.85:
            return self.rng.choice(near)
        return self.rng.choice([c for c in COUNTRIES if c != country])

    # --- records --------------------------------------------------------------------------

    def link(
        self,
        owner: str,
        link_type: LinkType,
        source: str,
        target: str,
        *,
        since: int | date | None,
        role: str | None = None,
        source_text: str | None = None,
    ) -> OwnedRecord:
        """A link; ``since`` is the day it is known from, or the earliest year it may
        have started (drawn from there, sometimes ended), or None for no dates."""
        rng = self.rng
        start: str | None = None
        end: str | None = None
        if isinstance(since, date):
            start = since.isoformat()
        elif since is not None:
            year = rng.randint(min(since, _LAST_YEAR), _LAST_YEAR)
            start = f"{year:04d}" if rng.random() < 0.6 else f"{year:04d}-{rng.randint(1, 12):02d}"
            if rng.random() < 0.1 and year < _LAST_YEAR:
                end = f"{rng.randint(year + 1, _LAST_YEAR):04d}"
        return OwnedRecord(
            owner,
            LinkIn(
                external_id=self.ext(owner, "l"),
                link_type=link_type,
                source=source,
                target=target,
                role=role,
                start_date=start,
                end_date=end,
                source_text=source_text or rng.choice(content.LINK_SOURCES),
                confidence=round(rng.uniform(0.4, 0.95), 2),
                sharing=_LINK_SHARING.draw(rng),
            ),
        )

    def event(
        self,
        owner: str,
        event_type: EventType,
        day: date,
        place: str,
        country: str,
        summary: str,
        participants: list[str],
    ) -> OwnedRecord:
        return OwnedRecord(
            owner,
            EventIn(
                external_id=self.ext(owner, "e"),
                event_type=event_type,
                occurred_on=day.isoformat(),
                place=place,
                country=country,
                summary=summary,
                participants=participants,
            ),
        )

    def notice(
        self,
        owner: str,
        subject: str,
        notice_type: NoticeType,
        name: str,
        reason: str,
        *,
        status: NoticeStatus | None = None,
    ) -> OwnedRecord:
        """A notice about ``subject``, titled with ``name``. Drafts and notices in review
        have no issue date; an expired one was issued more than five years ago."""
        rng = self.rng
        status = status or _NOTICE_STATUS.draw(rng)
        issued: date | None = None
        if status is NoticeStatus.EXPIRED:
            issued = between(rng, years_before(REFERENCE_DATE, 10), years_before(REFERENCE_DATE, 5))
        elif status not in (NoticeStatus.DRAFT, NoticeStatus.IN_REVIEW):
            issued = between(rng, years_before(REFERENCE_DATE, 5), REFERENCE_DATE)
        expiry = years_before(issued, -5) if issued is not None else None
        return OwnedRecord(
            owner,
            NoticeIn(
                external_id=self.ext(owner, "n"),
                subject=subject,
                notice_type=notice_type,
                status=status,
                title=f"{content.NOTICE_LABELS[notice_type]}: {name}",
                reason=reason,
                action=content.NOTICE_ACTIONS[notice_type],
                issued_date=issued.isoformat() if issued else None,
                expiry_date=expiry.isoformat() if expiry else None,
            ),
        )
