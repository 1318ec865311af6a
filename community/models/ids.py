"""Time-ordered UUIDs (the layout of RFC 9562's version 7) for rows that grow with time.

The first 48 bits are the creation time in milliseconds, so ids sort by date and a table
keyed by one can later be partitioned by range of id, which is a range of dates
(docs/decisions/0033-community.md). Python 3.11's uuid module has no uuid7 yet.
"""

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    millis = time.time_ns() // 1_000_000
    value = (millis & 0xFFFF_FFFF_FFFF) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value &= ~(0xF << 76)
    value |= 0x7 << 76  # version 7
    value &= ~(0x3 << 62)
    value |= 0x2 << 62  # the RFC 4122 variant
    return uuid.UUID(int=value)


def uuid7_floor(moment_seconds: float) -> uuid.UUID:
    """The smallest version-7 id of a moment: the bound of a partition starting then."""
    millis = int(moment_seconds * 1000)
    return uuid.UUID(int=(millis & 0xFFFF_FFFF_FFFF) << 80)
