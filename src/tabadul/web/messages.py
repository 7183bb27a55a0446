"""The service layer's field errors, in the user's language.

The service layer says what is wrong with a field in one English line (the API and the
CLI give it so). A form shows it under the field in the user's language: the lines
below are the ones a form of the web interface can meet, read back with their values
and said again from the catalogues. A line not listed here (a rarer error) is shown as
the service wrote it. ``tests/web/test_messages.py`` makes the service produce each of
them, so a change of wording in the service that this table no longer reads fails
there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tabadul.web.i18n import N_

__all__ = ["MESSAGES", "say_error"]

_Q = r"'(?P<text>.*)'"  # a value as the service quotes it (repr)

MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (
            rf"^{_Q} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD$",
            N_("%(text)s is not a date: write YYYY, YYYY-MM or YYYY-MM-DD."),
        ),
        (
            rf"^{_Q}: there is no month (?P<month>\d+)$",
            N_("%(text)s: there is no month %(month)s."),
        ),
        (
            rf"^{_Q}: year (?P<year>\d+) is outside 1800-2200$",
            N_("%(text)s: the year %(year)s is outside 1800–2200."),
        ),
        (
            rf"^{_Q}: \w+ (?P<year>\d+) has no day (?P<day>\d+)$",
            N_("%(text)s: that month has no day %(day)s."),
        ),
        (
            rf"^{_Q} is not an ISO 3166-1 alpha-2 country code$",
            N_("%(text)s is not a country code: use two letters, such as MA or DZ."),
        ),
        (r"^give a name with at least one letter$", N_("Give a name with at least one letter.")),
        (r"^a name has at most (?P<n>\d+) characters$", N_("A name has at most %(n)s characters.")),
        (
            r"^contains a control character \(U\+(?P<code>[0-9A-F]+)\); remove it$",
            N_("Contains an invisible control character (U+%(code)s): remove it."),
        ),
        (
            r"^contains a control character; use letters, digits and dashes$",
            N_("Contains an invisible control character: use letters, digits and dashes."),
        ),
        (r"^String should have at least 1 character$", N_("Fill in this field.")),
        (
            r"^String should have at most (?P<n>\d+) characters?$",
            N_("Write at most %(n)s characters."),
        ),
        (r"^say why, in 1 to 2000 characters$", N_("Say why, in 1 to 2000 characters.")),
        (
            r"^use 2-32 capital letters, digits and dashes, e\.g\. MA-NCB$",
            N_("Use 2 to 32 capital letters, digits and dashes, such as MA-NCB."),
        ),
        (
            r"^use 2-64 lower-case letters, digits, dots, dashes$",
            N_("Use 2 to 64 lower-case letters, digits, dots and dashes."),
        ),
        (
            r"^a password needs at least (?P<n>\d+) characters$",
            N_("A password needs at least %(n)s characters."),
        ),
        (r"^give a name of 1 to 200 characters$", N_("Give a name of 1 to 200 characters.")),
        (r"^a member agency needs its country$", N_("A member agency needs its country.")),
        (r"^must not be before 'since'$", N_("This must not be before the start.")),
        (
            r"^'(?P<text>.*)' is not a time; use .*$",
            N_("%(text)s is not a date: write 2026-11-29, or 2026-11-29T08:00 for a time."),
        ),
        (
            rf"^there is no agency {_Q} in this installation$",
            N_("There is no agency %(text)s in this installation."),
        ),
        (
            rf"^there is no member country {_Q} in this installation$",
            N_("There is no member country %(text)s in this installation."),
        ),
        (
            rf"^there is no region {_Q} in this installation$",
            N_("There is no region %(text)s in this installation."),
        ),
        (r"^unknown purpose; use one of: .*$", N_("Choose a purpose from the list.")),
        (r"^unknown action; use one of: .*$", N_("Choose an action from the list.")),
        (r"^the file is empty: no header row$", N_("The file is empty: it has no header row.")),
    )
)


def say_error(message: str, gettext: Callable[[str], str]) -> str:
    """``message`` from the service, said with ``gettext`` when it is a known one."""
    for pattern, said in MESSAGES:
        if found := pattern.match(message):
            return gettext(said) % found.groupdict()
    return message
