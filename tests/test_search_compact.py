"""The search index file is lunr's serialised index in fewer bytes, with nothing lost:
what search.js makes of it again (``expand``, mirrored here) is lunr's own form."""

from __future__ import annotations

import copy
import json

from lunr import lunr

from generator.site.search_index import compact


def expand(serialised: dict) -> dict:
    """What search.js's ``expand`` does before ``lunr.Index.load``."""
    for _term, posting in serialised["invertedIndex"]:
        for field in serialised["fields"]:
            ref, docs = 0, {}
            for gap in posting.get(field, []):
                ref += gap
                docs[str(ref)] = {}
            posting[field] = docs
    return serialised


def _index() -> dict:
    documents = [
        {"id": str(i), "title": title, "body": body}
        for i, (title, body) in enumerate(
            [
                ("Wohngeld", "Zuschuss zur Miete"),
                ("Elterngeld", "Geld nach der Geburt"),
                ("Miete", "Hilfe bei der Miete und Heizung"),
                ("Heizung", "Heizkosten"),
            ]
            * 4  # refs beyond 9, so their order as numbers and as text differ
        )
    ]
    return lunr(ref="id", fields=["title", "body"], documents=documents).serialize()


def test_the_compact_index_expands_to_lunrs_own():
    original = _index()
    small = compact(copy.deepcopy(original))
    postings = json.dumps(small["invertedIndex"])
    assert len(postings) < len(json.dumps(original["invertedIndex"])) * 0.6
    assert expand(small) == json.loads(json.dumps(original))


def test_a_fields_documents_are_the_gaps_between_sorted_refs():
    serialised = {
        "fields": ["title", "body"],
        "invertedIndex": [
            ["miet", {"_index": 0, "title": {"12": {}, "2": {}, "3": {}}, "body": {}}]
        ],
    }
    posting = compact(serialised)["invertedIndex"][0][1]
    assert posting == {"_index": 0, "title": [2, 1, 9]}
