"""Certificate serials: CD-<year>-<six or more digits>-<check digit>, e.g. CD-2026-000123-7.

The number comes from a PostgreSQL sequence (created by the app's migration), so two issues
never share one, whatever the concurrency. The check digit is Damm's: it catches every
single wrong digit and every swap of two neighbouring digits, which is what people make
when they type a serial from a phone or paper.
"""

import re

from django.db import connection

SEQUENCE = "certificates_serial"
PREFIX = "CD"
SERIAL_RE = re.compile(r"^CD-?(\d{4})-?(\d{6,})-?(\d)$")

_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)


def check_digit(digits: str) -> str:
    interim = 0
    for digit in digits:
        interim = _DAMM[interim][int(digit)]
    return str(interim)


def next_number() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [SEQUENCE])
        return cursor.fetchone()[0]


def format_serial(*, year: int, number: int) -> str:
    body = f"{year:04d}{number:06d}"
    return f"{PREFIX}-{year:04d}-{number:06d}-{check_digit(body)}"


def normalise(text: str) -> str | None:
    """The canonical serial for what someone typed, or None if it cannot be one."""
    compact = re.sub(r"[\s\u2010-\u2015]", "-", (text or "").strip().upper()).replace("--", "-")
    match = SERIAL_RE.match(compact)
    if not match:
        return None
    year, number, check = match.groups()
    if check_digit(year + number) != check:
        return None
    return format_serial(year=int(year), number=int(number))
