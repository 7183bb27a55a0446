"""The one place that decides what a viewer may do with a record.

Every read and write path asks a :class:`Policy` — built once per request for one
viewer, one purpose and one day — either about one record (:meth:`Policy.access`,
:meth:`Policy.allowed`) or, to filter many in SQL, for a condition
(:meth:`Policy.clause`). Nothing reads records around it, and the two forms always
agree (property tests check them against each other on random data).

Order of evaluation — written once, here; the README repeats it for bureau officers:

1. The installation's **operator** (the local CLI without ``--as``: whoever holds the
   database itself) may do everything; the audit log names them ``operator``.
2. **Writes** (create, update, delete, sharing rules, renewals, releases) are for the
   **owner** agency only, and there for its ``bureau`` and ``admin`` users.
3. A user of the **owner** agency reads its records in full, always.
4. **Retention** (rule 5): a record past its review date is served to nobody else.
5. **Purpose** (rule 4): a record limited to some purposes is served to nobody else
   for any other purpose (nor when no purpose is declared).
6. The organization's **secretariat** sees in full the records of owners that allow it
   (the agency's ``secretariat_access``, on by default).
7. A record the owner **released** to the viewer's agency is seen in full by it.
8. **Sharing rules** that match the viewer — its agency, its member country, a region
   its country belongs to — are the record's own rules if it has any, otherwise its
   owner agency's default rules. Any matching **denial** (``none``) wins: nothing.
9. Otherwise the viewer gets the highest of the record's **base visibility** (what
   everyone else gets: ``full``, ``hit_only`` or ``none``) and the matching **grants**.
10. Listing, viewing and exporting need ``full``; a search or screening also answers
    ``hit_only`` records, with their reference, owner and handling code only.
11. **Exports** by anyone but the owner leave out records with handling code ``H2``
    (rule 3: no onward transmission without the owner's consent).

A record that depends on another (an antecedent on its person, a link on its two ends)
is shown only with that other record; a reference to a record the viewer may not see
in full is left out of what is shown.
"""

from tabadul.policy._decide import Action, Policy, Viewer

__all__ = ["Action", "Policy", "Viewer"]
