"""The one place that decides what a viewer may do with a record.

Every read and write path calls :func:`access` / :func:`allowed` for one record, or
:func:`visible_clause` to filter many in SQL; nothing reads records around them, and
the two always agree (a test checks them against each other on random data).

Order of evaluation (written once, here; the README repeats it for bureau officers):

1. The installation's **operator** (the local CLI without ``--as``, i.e. whoever holds
   the database itself) may do everything; the audit log names them as ``operator``.
2. **Writes** (create, update, delete) are for the **owner** agency only, and there
   only for its ``bureau`` and ``admin`` users (rule 1: the owner controls its data).
   Reads of a record that depends on another (an antecedent on its person, a link on
   its two ends) also need that other record; a reference to a record the viewer may
   not see is left out of what is shown.
3. **Reads** by a user of the **owner** agency: full.
4. **Retention** (rule 5): a record past its review date is served to nobody but its
   owner.
5. **Reads** by anyone else: the record's visibility as the owner set it (``full``,
   ``hit_only`` or ``none``; new records take the owner agency's default).
   Per-member, per-region and per-agency grants and denials refine this step (the
   exchange-rules issue); explicit denials will win over grants.
6. **Exports** by anyone but the owner leave out records with handling code ``H2``
   (rule 3: no onward transmission without the owner's consent).
7. Listing, viewing and exporting need ``full``; ``hit_only`` only ever answers a
   search or screening with the reference, the owner and the handling code.
"""

from tabadul.policy._decide import (
    Action,
    Viewer,
    access,
    allowed,
    may_create,
    visible_clause,
)

__all__ = ["Action", "Viewer", "access", "allowed", "may_create", "visible_clause"]
