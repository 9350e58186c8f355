"""The sharded search index (generator/site/search_shards.py): lunr's weights, bit for bit,
so search.js ranks as lunr.js ranked the whole index; every term found where the directory
says; each file named by what it holds; the same content, the same files."""

from __future__ import annotations

import bisect
import json

import pytest
from lunr.builder import Builder

from generator.content.catalogue import load_catalogue
from generator.content.model import Catalogue
from generator.infra.cache import BuildCache
from generator.infra.security import is_hashed
from generator.infra.streamed import Streamed, texts
from generator.site import search_index, search_shards
from generator.site.search_index import search_files
from tests.helpers import REPO, TODAY, batches_of


@pytest.fixture(scope="module")
def example() -> Catalogue:
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    return catalogue


def lunr_index(documents: list[dict[str, str]], boosts: list[float]) -> dict:
    """lunr.py's index over the same documents, as the search used to ship it."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in search_index.FIELDS.items():
        builder.field(name, boost=boost)
    for ref, (doc, boost) in enumerate(zip(documents, boosts, strict=True)):
        builder.add({"ref": str(ref), **doc}, attributes={"boost": boost})
    return builder.build().serialize()


def test_weights_and_term_order_are_lunrs(example: Catalogue, monkeypatch):
    seen: list[tuple] = []
    made = search_shards.postings

    def spy(documents, boosts, fields):
        seen.append((documents, boosts))
        return made(documents, boosts, fields)

    monkeypatch.setattr(search_shards, "postings", spy)
    search_files(example)
    assert len(seen) == 5  # every language
    for documents, boosts in seen:
        assert 0.3 in boosts  # easy-language pages, boosted lower
        serialised = lunr_index(documents, boosts)
        ours = made(documents, boosts, search_index.FIELDS)
        vectors = {
            ref: dict(zip(v[::2], v[1::2], strict=True)) for ref, v in serialised["fieldVectors"]
        }
        for term, posting in serialised["invertedIndex"]:
            assert ours.index[term] == posting["_index"]
            for field in search_index.FIELDS:
                expected = [
                    (int(r), vectors[f"{field}/{r}"][posting["_index"]]) for r in posting[field]
                ]
                assert ours.of(term).get(field, []) == sorted(expected), (term, field)


def test_every_term_is_in_the_shard_the_directory_names(example: Catalogue):
    files = search_files(example)
    for lang, directory in files.index.items():
        meta, index, docs = search_shards.read_back(files.files, directory)
        assert len(docs) == meta["n"] and len(index) > 500
        firsts = [first for first, _ in meta["t"]]
        assert len(firsts) > 1 and firsts == sorted(firsts) and firsts[0] == ""
        shards = [
            json.loads(files.files[f"assets/search/t-{lang}.{digest}.json"])["t"]
            for _, digest in meta["t"]
        ]
        for term in index:
            at = bisect.bisect_right(firsts, term) - 1  # the last shard starting at or before
            assert term in shards[at], (lang, term)


def test_a_small_index_is_in_its_directory_whole(example: Catalogue):
    files = search_files(example)
    meta = json.loads(files.files[files.index["de"]])
    assert meta["whole"] and meta["h"] == []  # German compound heads: among its terms
    assert {f"t-de.{digest}.json" for _, digest in meta["t"]} <= set(meta["inline"])


def test_compound_heads_are_german_about_terms_written_backwards(example: Catalogue, monkeypatch):
    monkeypatch.setattr(search_shards, "WHOLE", 0)  # as in a large catalogue
    files = search_files(example)
    meta, index, _ = search_shards.read_back(files.files, files.index["de"])
    heads = {}
    for _, digest in meta["h"]:
        heads.update(json.loads(files.files[f"assets/search/h-de.{digest}.json"])["h"])
    term = "schuldnerberat"
    assert term in index and term[::-1] in heads
    _, df, about = heads[term[::-1]]
    assert df == len({r for refs in index[term].values() for r in refs})
    assert "b" not in about  # a compound's head matches in what pages are about only
    english = json.loads(files.files[files.index["en"]])
    assert english["h"] == []


def test_files_are_named_by_content_and_the_same_content_makes_the_same_files(
    example: Catalogue,
):
    first, again = search_files(example), search_files(example)
    assert first.files == again.files
    assert all(is_hashed(path) for path in first.files)
    # a change to one document renames its files and the directory, not the others
    changed = search_files(
        example.__class__(
            **{
                **example.__dict__,
                "services": (
                    example.services[0].model_copy(update={"summary": "Ganz neu."}),
                    *example.services[1:],
                ),
            }
        )
    )
    kept = set(first.files) & set(changed.files)
    assert first.index["de"] not in changed.files
    assert kept and len(kept) < len(first.files)


def test_tokens_split_as_lunr_does():
    assert search_shards.tokens("Sgb12  Kita-Platz\xa0ALG2") == ["sgb12", "kita", "platz", "alg2"]


def test_languages_made_side_by_side_give_the_same_files(example: Catalogue, monkeypatch):
    """A national catalogue's languages are indexed in several processes: the same files
    as one after the other (here forced for the example's few documents)."""
    one = search_files(example)
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 0)
    batches = batches_of(monkeypatch, search_index, "run_parallel")
    two = search_files(example, workers=2)
    assert batches == [len(example.site.languages)]  # every language, in the processes
    assert (two.index, two.docs) == (one.index, one.docs)
    # handed back in a file of their own, read when written (streamed.spill)
    assert all(isinstance(content, Streamed) for content in two.files.values())
    assert texts(two.files) == one.files and len(two.files) > len(example.site.languages)


def test_a_shard_of_entries_kept_as_text_is_the_text_of_the_entries():
    values = {
        "zulage": [3, {"t": [[1, 4], 2.5]}],
        "ärztin": [1, {"k": [[7], [0.5, 1.25], [1, 0]]}],
        "Ω-wert": [2, {"b": [[2], 0.125]}],
        "abc": [0, {}],
    }
    entries = [(key, "t", value) for key, value in values.items()]
    as_text = [(key, kind, search_shards.Json(search_shards.text(v))) for key, kind, v in entries]
    plain = search_shards.ranges(entries, target=40)
    kept = search_shards.ranges(as_text, target=40)
    assert [first for first, _ in plain] == [first for first, _ in kept] and len(plain) > 1
    for (_, content), (_, content_kept) in zip(plain, kept, strict=True):
        assert search_shards.shard_text(content_kept) == search_shards.text(content)


def test_languages_made_in_workers_are_stored_in_the_build_cache_there(
    example: Catalogue, monkeypatch, tmp_path
):
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 0)
    made = BuildCache(tmp_path / "cache")
    first = search_files(example, made, workers=2).files
    assert made.misses == len(example.site.languages)
    again = BuildCache(tmp_path / "cache")
    assert texts(search_files(example, again, workers=2).files) == texts(first)
    assert again.hits == len(example.site.languages) and again.misses == 0


def test_a_language_stored_by_this_process_is_read_back_by_a_worker(
    example: Catalogue, monkeypatch, tmp_path
):
    """The build cache keeps a language as one file, the same whether the language was
    made here (a small site, the preview) or in a worker process (a large site)."""
    made = BuildCache(tmp_path / "cache")
    first = search_files(example, made)
    made.flush()
    assert made.misses == len(example.site.languages)
    monkeypatch.setattr(search_index, "PARALLEL_FROM", 0)
    again = BuildCache(tmp_path / "cache")
    assert texts(search_files(example, again, workers=2).files) == first.files
    assert again.hits == len(example.site.languages) and again.misses == 0


def test_terms_are_cut_into_shards_as_they_come():
    """``cut`` hands on each shard once it is full, from entries in key order, and cuts
    them as ``ranges`` cuts the same entries unordered."""
    entries = [(f"w{n:03}", "t", search_shards.Json(f'"{"x" * (n % 7)}"')) for n in range(60)]
    handed = []

    def given():
        for entry in entries:
            handed.append(entry[0])
            yield entry

    cuts = search_shards.cut(given(), target=40)
    first_key, _ = next(cuts)
    assert first_key == "" and len(handed) < len(entries)  # the rest not yet read
    rest = list(cuts)
    assert [(first_key, _), *rest][1:] == search_shards.ranges(reversed(entries), target=40)[1:]
    assert len(rest) > 1
