"""A synthetic catalogue of N services in memory, for what the search needs at scale.

``bench/synthetic.py`` writes N services as files, which a build then loads and checks:
at 10,000 services that takes minutes. The search index needs none of it: this makes the
same services (the same seeded choices of words, on the example's services) as copies of
the loaded example services, in seconds, so a browser test and the figures can search a
10,000-service catalogue (German only: no translations, as ``make_project(english=False)``).
"""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import NOUNS, VERBS  # noqa: E402

from generator.content.catalogue import load_catalogue  # noqa: E402
from generator.content.model import Catalogue  # noqa: E402


def example_catalogue(today) -> Catalogue:
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=today)
    return catalogue


def synthetic_catalogue(example: Catalogue, n: int, seed: int = 7) -> Catalogue:
    """``n`` services as ``synthetic.make_project`` makes them, with German text only and
    without the "not here" list (which names benefits the synthetic services are about)."""
    bases = sorted(example.services, key=lambda s: s.id)
    rng = random.Random(seed)
    services = []
    for i in range(n):
        base = bases[i % len(bases)]
        noun, other, verb = rng.choice(NOUNS), rng.choice(NOUNS), rng.choice(VERBS)
        keywords = [noun, other, *rng.sample(NOUNS, 4)]
        description = f"### {noun}\n\n{base.description}\n\n{' '.join(rng.sample(NOUNS, 25))}"
        update = {
            "id": f"leistung-{i:05d}",
            "title": f"{noun} {verb} ({other}, Nr. {i})",
            "summary": f"{noun} und {other}: {base.summary}",
            "keywords": keywords,
            "description": description,
            "related": [],
            "general_service": None,
            "eligibility": None,
        }
        if base.easy is not None:
            update["easy"] = base.easy.model_copy(update={"title": f"{noun} {verb}"})
        services.append(base.model_copy(update=update))
    return dataclasses.replace(
        example, services=tuple(services), translations={}, elsewhere=(), files={}
    )
