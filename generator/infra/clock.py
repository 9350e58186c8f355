"""The build date: the day amounts are evaluated on and MkDocs stamps the sitemap with.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) pins it; without it the build uses today's
date at midnight UTC, so two builds of the same content on the same day are identical.

``--as-of`` (:func:`as_of`) sets it to another day: the site as the daily rebuild would
make it on that day. Dated amounts switch on their ``from`` date only when the site is
built on or after it, so a municipality rebuilds daily; an editor previews a coming
change with ``build``/``serve --as-of`` before that day.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

#: the day ``--as-of`` gave, while :func:`as_of` holds it; None: the calendar's day
_as_of: date | None = None

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_date() -> date:
    """The day the content is evaluated on: ``--as-of``'s day, else SOURCE_DATE_EPOCH's,
    else today (UTC). The preview's plugin asks for it on every rebuild, so ``--as-of``
    reaches it through here rather than through MkDocs' configuration."""
    if _as_of is not None:
        return _as_of
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` and nothing else: the form content files use for ``from`` and
    ``as_of``. Python also reads ``20270101`` and week dates as ISO 8601; accepting them
    here would make a typo such as ``2027-0101`` mean a day nobody intended, silently.
    Raises ValueError with the sentence an editor reads."""
    if not _DAY.fullmatch(text):
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-01")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a day of the calendar (YYYY-MM-DD)") from None


@contextmanager
def as_of(day: date | None) -> Iterator[None]:
    """Within the block, :func:`build_date` is ``day`` (None: nothing changes). Scoped,
    and SOURCE_DATE_EPOCH restored after it (:func:`pin_source_date_epoch` would keep the
    day there), so a command run in the same process as others (the tests) does not leave
    its day behind for them."""
    global _as_of
    if day is None:
        yield
        return
    previous, epoch = _as_of, os.environ.get("SOURCE_DATE_EPOCH")
    _as_of = day
    try:
        yield
    finally:
        _as_of = previous
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch


def pin_source_date_epoch() -> None:
    """Make MkDocs' own timestamps day-granular when nothing pinned them: midnight of the
    build date, so ``build --as-of D`` stamps files as the build made on D would."""
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        midnight = datetime.combine(build_date(), datetime.min.time(), UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
