from __future__ import annotations

import pytest
from sqlalchemy import select, update

from tabadul.audit import AuditAction, NewEntry, append, append_many, verify
from tabadul.service import Forbidden, Tabadul
from tabadul.store.tables import AuditEvent
from tests.factory import OPERATOR, world


def _fill(app: Tabadul, n: int = 5) -> list[int]:
    with app.transaction() as session:
        return [
            append(
                session,
                actor=f"user{i}",
                agency="DZ-NCB",
                action=AuditAction.SEARCH,
                purpose="border-control",
                targets=[f"DZ-NCB/p-{i}"],
            ).id
            for i in range(n)
        ]


def test_intact_chain_verifies(app: Tabadul) -> None:
    _fill(app)
    result = app.audit.verify(OPERATOR)
    assert result.ok and result.checked == 5


def test_edited_entry_is_found(app: Tabadul) -> None:
    ids = _fill(app)
    with app.transaction() as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == ids[2]).values(actor="someone"))
    result = app.audit.verify(OPERATOR)
    assert result.broken is not None and result.broken.entry_id == ids[2]
    assert "changed" in result.broken.reason


def test_removed_entry_is_found(app: Tabadul) -> None:
    ids = _fill(app)
    with app.transaction() as session:
        session.delete(session.get(AuditEvent, ids[1]))
    result = app.audit.verify(OPERATOR)
    assert result.broken is not None and result.broken.entry_id == ids[2]


def test_reordered_entries_are_found(app: Tabadul) -> None:
    ids = _fill(app)
    with app.transaction() as session:
        a, b = session.get(AuditEvent, ids[1]), session.get(AuditEvent, ids[3])
        assert a is not None and b is not None
        fields = (
            "at",
            "actor",
            "agency",
            "action",
            "purpose",
            "targets",
            "detail",
            "prev_hash",
            "hash",
        )
        va = {f: getattr(a, f) for f in fields}
        vb = {f: getattr(b, f) for f in fields}
        for f in fields:
            setattr(a, f, f"tmp-{f}" if f == "hash" else getattr(a, f))
        session.flush()
        for f in fields:
            setattr(b, f, va[f])
        session.flush()
        for f in fields:
            setattr(a, f, vb[f])
    with app.transaction() as session:
        _, broken = verify(session)
    assert broken is not None and broken.entry_id == ids[1]


def test_inserted_entry_is_found(app: Tabadul) -> None:
    _fill(app)
    with app.transaction() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last is not None
        session.add(
            AuditEvent(
                at=last.at,
                actor="intruder",
                agency=None,
                action="search",
                purpose=None,
                targets=None,
                detail=None,
                prev_hash="f" * 64,
                hash="e" * 64,
            )
        )
    result = app.audit.verify(OPERATOR)
    assert result.broken is not None and result.broken.entry_id == 6


def test_only_compliance_and_admins_verify(app: Tabadul) -> None:
    w = world(app)
    assert app.audit.verify(w.sec_compliance).ok
    with pytest.raises(Forbidden):
        app.audit.verify(w.dz_officer)


def test_entries_written_in_one_insert_chain_with_the_others(app: Tabadul) -> None:
    detail = {"query": {"name": "عبد القادر ولد الشيخ", "birthDate": "1979"}, "hits": 1}
    with app.transaction() as session:
        append(session, actor="a", agency="DZ-NCB", action=AuditAction.SEARCH)
        ids = append_many(
            session,
            [
                NewEntry(
                    "b", "MA-NCB", AuditAction.SCREEN, "border-control", ["DZ-NCB/p-1"], detail
                ),
                NewEntry("c", None, AuditAction.SCREEN),
            ],
        )
        append(session, actor="d", agency=None, action=AuditAction.SEARCH)
    assert len(ids) == 2 and ids == sorted(ids)
    with app.transaction() as session:
        stored = session.get(AuditEvent, ids[0])
        assert stored is not None and stored.detail == detail
    result = app.audit.verify(OPERATOR)
    assert result.ok and result.checked == 4
