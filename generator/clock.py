"""The build date: the day amounts are evaluated on and MkDocs stamps the sitemap with.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) pins it; without it the build uses today's
date at midnight UTC, so two builds of the same content on the same day are identical.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_date() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def pin_source_date_epoch() -> None:
    """Make MkDocs' own timestamps day-granular when nothing pinned them."""
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        midnight = datetime.combine(build_date(), datetime.min.time(), UTC)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
