"""The packed services and translations (generator/content/shelf.py) read as the tuple
and dicts they replace, and the loaded catalogue keeps its objects packed."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content import shelf
from generator.content.catalogue import load_catalogue
from generator.content.shelf import Paired, Row, Shelf
from generator.content.shelf import pack as shelf_pack
from tests.helpers import REPO, TODAY


@dataclass(frozen=True)
class Thing:
    id: str
    words: tuple[str, ...] = ()


THINGS = [Thing("b", ("x",)), Thing("a", ("y", "z")), Thing("c")]


def test_a_row_reads_as_the_tuple_it_replaces():
    row = Row(THINGS)
    assert len(row) == 3
    assert list(row) == THINGS
    assert row[1] == THINGS[1] and row[-1] == THINGS[-1]
    assert row[:2] == tuple(THINGS[:2])
    assert row.get("a") == THINGS[1]
    assert row.get("missing") is None
    assert THINGS[2] in row and Thing("c", ("other",)) not in row
    assert row == tuple(THINGS) and row == Row(THINGS) and row != Row(THINGS[:2])
    with pytest.raises(IndexError):
        row[3]


def test_each_read_unpacks_a_new_object_and_the_last_few_are_kept(monkeypatch):
    unpacked = []
    real = shelf.unpack
    monkeypatch.setattr(shelf, "unpack", lambda blob: unpacked.append(1) or real(blob))
    row = Row(Thing(str(i)) for i in range(shelf.RECENT + 2))
    first = row[0]
    assert row[0] is first and len(unpacked) == 1  # kept: read twice in a row
    for i in range(1, shelf.RECENT + 1):
        row[i]
    assert row[0] is not first and row[0] == first  # pushed out by newer ones: unpacked
    assert len(unpacked) == shelf.RECENT + 2


def test_a_shelf_reads_as_the_dict_it_replaces():
    items = {("en", "a"): THINGS[0], ("de", "b"): THINGS[1]}
    packed = Shelf(items.items())
    assert dict(packed) == items
    assert packed.get(("en", "a")) == THINGS[0] and packed.get(("xx", "a")) is None
    assert ("de", "b") in packed and ("de", "a") not in packed
    assert list(packed) == list(items)
    assert packed == items and packed == Shelf(items.items())
    again = Shelf.from_packed((k, packed.packed(k)) for k in packed)
    assert again == packed


def test_paired_keeps_objects_packed_and_the_rest_as_given():
    pairs: Paired[str, Thing, str] = Paired()
    for thing in THINGS:
        pairs[thing.id] = (thing, f"doc of {thing.id}")
    assert pairs["a"] == (THINGS[1], "doc of a")
    assert dict(pairs.beside()) == {t.id: f"doc of {t.id}" for t in THINGS}
    pairs["a"] = (Thing("a", ("new",)), "doc of a")
    assert pairs["a"][0].words == ("new",)  # not the object read before the change
    del pairs["b"]
    assert list(pairs) == ["a", "c"] and len(pairs) == 2
    row = Row.from_packed((k, pairs.packed(k)) for k in sorted(pairs))
    assert [t.id for t in row] == ["a", "c"] and row.get("a") == Thing("a", ("new",))


def test_a_shelf_travels_to_another_process_without_its_kept_objects():
    row = Row(THINGS)
    row[0]
    copied = pickle.loads(pickle.dumps(row))
    assert copied == row and copied._shelf._recent.items == {}


def test_the_loaded_catalogue_keeps_services_and_translations_packed():
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    assert isinstance(catalogue.services, Row)
    assert isinstance(catalogue.translations, Shelf)
    ids = [s.id for s in catalogue.services]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    some = catalogue.services[0]
    assert catalogue.service(some.id) == some
    with pytest.raises(KeyError):
        catalogue.service("no-such-service")
    for lang, service_id in catalogue.translations:
        assert catalogue.translated(lang, service_id)
        assert catalogue.translation(lang, service_id) is not None
    assert not catalogue.translated("xx", some.id)


def test_a_spilled_shelf_reads_its_values_from_the_file(tmp_path: Path):
    values = {f"k{i}": {"n": i, "text": "ä" * i} for i in range(50)}
    things = [Thing(f"s{i}", (str(i),)) for i in range(5)]
    shelf = Shelf.from_packed(((k, shelf_pack(v)) for k, v in values.items()), tmp_path / "shelf")
    row = Row.from_packed(((t.id, shelf_pack(t)) for t in things), tmp_path / "row")
    assert row.ids == tuple(t.id for t in things) and row.get("s2") == things[2]
    assert (tmp_path / "shelf").stat().st_size > 0
    assert dict(shelf.items()) == values and [r.words for r in row] == [(str(i),) for i in range(5)]
    copy = pickle.loads(pickle.dumps(shelf))
    assert len(pickle.dumps(shelf)) < (tmp_path / "shelf").stat().st_size
    assert dict(copy.items()) == values and copy == shelf


def test_packs_read_as_the_list_they_replace():
    items = [{"n": i, "text": "ü" * i} for i in range(20)]
    packs = shelf.Packs(items[:10])
    for item in items[10:]:
        packs.append(item)
    assert len(packs) == 20 and list(packs) == items and list(packs) == items  # twice
    assert packs[3] == items[3] and packs[-1] == items[-1] and packs[2:4] == items[2:4]
    packs[5] = None
    assert packs[5] is None and packs[6] == items[6]


def test_a_packed_tuple_reads_as_the_tuple_it_was_made_of():
    from generator.content.shelf import PackedTuple

    values = (("a", 1), ("ä", 2), ("c", None))
    packed = PackedTuple(iter(values))
    assert len(packed) == 3 and list(packed) == list(values) and packed[1] == ("ä", 2)
    assert packed[-1] == ("c", None) and packed[:2] == values[:2]
    assert packed == values and packed == PackedTuple(values) and packed != values[:2]
    assert not PackedTuple() and PackedTuple() == ()
    # kept as one packed blob, not as the objects (made anew on each read)
    assert packed[0] is not packed[0]


def test_a_shelf_finds_its_keys_in_their_order_whatever_their_kind():
    """Keys are kept in their order and found by bisection in a sorted permutation: not
    sorted given, tuples, a key given twice (its last value, as a dict keeps it)."""
    shelf = Shelf([(("en", "b"), 1), (("de", "z"), 2), (("de", "a"), 3), (("en", "b"), 4)])
    assert list(shelf) == [("en", "b"), ("de", "z"), ("de", "a")]
    assert shelf[("en", "b")] == 4 and shelf[("de", "a")] == 3 and len(shelf) == 3
    assert ("de", "b") not in shelf and "de" not in shelf and None not in shelf
    with pytest.raises(KeyError):
        shelf[("fr", "a")]
    assert shelf.get(("fr", "a")) is None and dict(shelf.items()) == {
        ("en", "b"): 4,
        ("de", "z"): 2,
        ("de", "a"): 3,
    }
