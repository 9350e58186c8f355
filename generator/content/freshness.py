"""Whether the content is true today: services not checked for too long, and amounts or rules
that change within the next days, announced before they do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from generator.content.cross_checks import problem_at
from generator.content.load import Document
from generator.content.schema import (
    Site,
)
from generator.infra.errors import Problem


def check_freshness(site: Site, services: Mapping, today: date, problems: list[Problem]) -> None:
    """Content goes stale: texts past the review interval, amounts not updated for
    ``amount_max_age_days``, laws cited without a section. Stale texts and amounts are
    reported at the site's ``stale_content`` level: notices by default, so a stale text
    never blocks a fix elsewhere; 'warning' makes --strict refuse to publish them, 'error'
    every build. The page says it either way."""
    for service, doc in services.values():
        age = (today - service.as_of).days
        if age < 0:
            problems.append(
                problem_at(
                    doc,
                    ("as_of",),
                    f"{service.as_of.isoformat()} lies in the future, so no review would "
                    "ever fall due; as_of is the day the text was last checked",
                    "notice",
                )
            )
        elif age > site.review_interval_days:
            problems.append(
                problem_at(
                    doc,
                    ("as_of",),
                    f"checked {age} days ago; the site asks for "
                    f"a review every {site.review_interval_days} days (the page says so)",
                    site.stale_content,
                )
            )
        for i, amount in enumerate(service.amounts):
            if not amount.values:  # an unknown rates series, reported as such
                continue
            latest = max(v.from_ for v in amount.values)
            if (today - latest).days > site.amount_max_age_days and latest <= today:
                problems.append(
                    problem_at(
                        doc,
                        ("amounts", i, "values"),
                        f"newest value is from {latest.isoformat()}, over "
                        f"{site.amount_max_age_days} days ago; is there a newer one? "
                        "(the page flags it)",
                        site.stale_content,
                    )
                )
        for i, ref in enumerate(service.legal_basis):
            if not ref.section:
                problems.append(
                    problem_at(
                        doc,
                        ("legal_basis", i),
                        f"{ref.law} without a section; name the section so the link leads to it",
                        "notice",
                    )
                )


#: how many days ahead a dated value is announced: time to check the figure before the
#: page shows it, and to see that the site is rebuilt on the day it takes effect
UPCOMING_DAYS = 60


def check_upcoming(services: Mapping, rates: dict, today: date, problems: list[Problem]) -> None:
    """A notice for each value that takes effect within :data:`UPCOMING_DAYS` after
    ``today`` (the build date or ``--as-of``). The page shows a value from the first build
    on or after its ``from`` date, so the editor learns in time what will change, and
    that only a rebuild on that day publishes it. A value from a rates table is announced
    once, where it is written, with the services that show it."""
    shown_by: dict[str, set[str]] = defaultdict(set)
    for service, doc in services.values():
        for i, amount in enumerate(service.amounts):
            if amount.rates is not None:
                shown_by[amount.rates].add(service.id)
            else:
                where = ("amounts", i, "values")
                _announce(doc, where, amount.values, amount.name, today, problems)
    for table, doc in rates.values():
        for k, series in enumerate(table.series):
            users = sorted(shown_by.get(f"{table.id}/{series.id}", ()))
            what = f"{series.name}; shown by {_some(users)}"
            _announce(doc, ("series", k, "values"), series.values, what, today, problems)


#: services a notice names of those that show a rate; the rest are counted, so a rate
#: that thousands of services show is still one readable line
NAMED = 5


def _some(ids: list[str]) -> str:
    if not ids:
        return "no service"
    if len(ids) <= NAMED + 1:
        return ", ".join(ids)
    return f"{', '.join(ids[:NAMED])} and {len(ids) - NAMED} more"


def _announce(
    doc: Document, path: tuple, values: list, what: str, today: date, problems: list[Problem]
) -> None:
    """One notice per value of ``values`` (at ``path``) due within the coming days, at its
    ``from`` date, saying which value it follows (the series' order in the file is the
    editor's; the one it follows is the one before it in time)."""
    ordered = sorted(enumerate(values), key=lambda item: item[1].from_)
    for n, (j, value) in enumerate(ordered):
        days = (value.from_ - today).days
        if not 0 < days <= UPCOMING_DAYS:
            continue
        before = ordered[n - 1][1] if n else None
        if before is None:
            change = f"{_eur(value.eur)}, the first value"
        elif before.eur == value.eur:
            change = f"{_eur(value.eur)}, the same as before"
        else:
            change = f"{_eur(value.eur)} replaces {_eur(before.eur)}"
        in_days = "in 1 day" if days == 1 else f"in {days} days"
        message = f"takes effect on {value.from_.isoformat()} ({in_days}): {change} ({what})"
        problems.append(problem_at(doc, (*path, j, "from"), message, "notice"))


def _eur(value: float) -> str:
    """``563 EUR``, ``424.50 EUR``: the figure as written in the file, cents where any."""
    return f"{value:.0f} EUR" if value == int(value) else f"{value:.2f} EUR"
