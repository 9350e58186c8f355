"""The catalogue's services and translations kept packed, and made again when read.

A validated service with its translations takes about 130 KB as Python objects, and
16 KB pickled and compressed. At national scale (10,000 services in five languages) the
objects alone would be 1.3 GB in the build's main process, and every worker process
forked from it would copy the parts it touches. Packed, they are 160 MB, and a worker
that renders a service unpacks it into its own memory and lets it go afterwards.

The price is unpacking on every read, about 0.1 ms an object: a stage that walks the
services reads each once, so a whole pass over 10,000 services costs about a second.
The last few objects read are kept, as a stage often reads the same one twice in a row.

A shelf can also be kept in a file (``from_packed(..., spill=path)``): its values are read from
the file by position, and the build's processes hold none of those 160 MB; the system's
file cache does, once, for all of them. The content check's own process hands the
catalogue back that way (``pipeline.check_content``): only the positions cross the pipe.
"""

from __future__ import annotations

import os
import pickle
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import (
    Callable,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
)
from contextlib import suppress
from pathlib import Path
from typing import Any, Generic, TypeVar, cast, overload

from generator.infra.spool import Spool

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
D = TypeVar("D")

#: fast compression: it halves the size at a fifth of level 6's cost
LEVEL = 1
#: objects kept unpacked after a read, the most recent ones
RECENT = 8


def pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), LEVEL)


def unpack(blob: bytes | memoryview) -> Any:
    return pickle.loads(zlib.decompress(blob))


class _Recent(Generic[K, V]):
    """The last :data:`RECENT` objects unpacked, by key."""

    def __init__(self) -> None:
        self.items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        # the preview reads its catalogue from more than one thread: another may drop
        # an entry between any two of these steps, which only costs an unpacking
        value = self.items.get(key)
        if value is not None:
            with suppress(KeyError):
                self.items.move_to_end(key)
            return value
        value = self.items[key] = make()
        while len(self.items) > RECENT:
            with suppress(KeyError):
                self.items.popitem(last=False)
        return value

    def drop(self, key: K) -> None:
        self.items.pop(key, None)

    def __getstate__(self) -> dict[str, Any]:
        return {"items": OrderedDict()}  # a copy in another process starts empty


class _Spilled:
    """Packed values in a file, read by position (``os.pread``: no shared file offset, so
    processes forked from this one read through the same file at once). Each process
    opens the file for itself on its first read; a pickled one names the file only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._pid = 0

    def read(self, start: int, end: int) -> bytes:
        if self._pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
            self._pid = os.getpid()
        assert self._fd is not None
        return os.pread(self._fd, end - start, start)

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "_fd": None, "_pid": 0}


class Shelf(Mapping[K, V]):
    """A read-only mapping whose values are kept packed (``pack``) and unpacked on
    each read: use it like the dict it replaces.

    The packed values lie end to end in one ``bytes``: a worker process forked from this
    one reads them without writing to the pages that hold them. As objects of their own,
    reading each would change its reference count, and so copy the page holding its
    header into the worker: a page a value, all of them by the end of a build.
    """

    def __init__(self, items: Iterable[tuple[K, V]] = ()) -> None:
        self._set([(key, pack(value)) for key, value in items])

    @classmethod
    def from_packed(
        cls, blobs: Iterable[tuple[K, bytes]], spill: Path | None = None
    ) -> Shelf[K, V]:
        """A shelf of values packed already (:meth:`Paired.packed`): not packed again.
        With ``spill``, the values go to that file (made now) as they come, and are read
        from there (``_Spilled``); the file must outlive every process that reads the
        shelf, and its maker removes it."""
        shelf: Shelf[K, V] = cls.__new__(cls)
        if spill is None:
            shelf._set(list(blobs))
        else:
            shelf._set_spilled(blobs, spill)
        return shelf

    def _set(self, blobs: list[tuple[K, bytes]]) -> None:
        blobs = list(dict(blobs).items())  # a key given twice: its last value, as a dict
        self._data: bytes | _Spilled = b"".join(blob for _, blob in blobs)
        self._index([key for key, _ in blobs], [len(blob) for _, blob in blobs])
        self._recent: _Recent[K, V] = _Recent()

    def _set_spilled(self, blobs: Iterable[tuple[K, bytes]], path: Path) -> None:
        keys: list[K] = []
        sizes: list[int] = []
        with open(path, "xb") as out:
            for key, blob in blobs:
                out.write(blob)
                keys.append(key)
                sizes.append(len(blob))
        self._data = _Spilled(path)
        if len(set(keys)) < len(keys):
            raise ValueError("a spilled shelf's keys are given once each")
        self._index(keys, sizes)
        self._recent = _Recent()

    def _index(self, keys: list[K], sizes: list[int]) -> None:
        """Where each value lies, in three flat runs: the keys in their order, where each
        value starts (one machine word), and the keys' places in sorted order, to find a
        key by bisection. A dict of spans took about 300 bytes a key (the tuple of two
        numbers, the numbers, the dict's slot): 50,000 keys at national scale, in the build
        and in every process forked from it."""
        self._keys: tuple[K, ...] = tuple(keys)
        self._starts = array("q", [0])
        for size in sizes:
            self._starts.append(self._starts[-1] + size)
        key_at: Callable[[int], Any] = self._keys.__getitem__  # keys of one kind compare
        self._order = array("q", sorted(range(len(keys)), key=key_at))

    def _place(self, key: object) -> int | None:
        keys, order = self._keys, self._order
        key_at: Callable[[int], Any] = keys.__getitem__
        try:
            at = bisect_left(order, cast(Any, key), key=key_at)
        except TypeError:  # a key of another kind than this shelf's
            return None
        if at < len(order) and keys[order[at]] == key:
            return order[at]
        return None

    def __getitem__(self, key: K) -> V:
        return self._recent.get(key, lambda: unpack(self._blob(key)))

    def _blob(self, key: K) -> bytes | memoryview:
        place = self._place(key)
        if place is None:
            raise KeyError(key)
        start, end = self._starts[place], self._starts[place + 1]
        if isinstance(self._data, _Spilled):
            return self._data.read(start, end)
        return memoryview(self._data)[start:end]

    def __iter__(self) -> Iterator[K]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return self._place(key) is not None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Shelf):
            return self._keys == other._keys and all(
                self.packed(k) == other.packed(k) for k in self._keys
            )
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]

    def packed(self, key: K) -> bytes:
        """The value of ``key`` packed: to hand it to another process as it is."""
        return bytes(self._blob(key))

    def __repr__(self) -> str:
        return f"Shelf({len(self)} items)"


class Row(Sequence[V]):
    """A read-only sequence of objects with an ``id``, kept packed: use it like the tuple
    it replaces, and :meth:`get` to find one by its id without unpacking the others."""

    def __init__(self, values: Iterable[V] = ()) -> None:
        pairs = [(getattr(v, "id"), v) for v in values]  # noqa: B009 (any object with an id)
        self._set(Shelf(pairs), [k for k, _ in pairs])

    @classmethod
    def from_packed(cls, blobs: Iterable[tuple[str, bytes]], spill: Path | None = None) -> Row[V]:
        """A row of values packed already, in the order given, by their ids (``spill``:
        :meth:`Shelf.from_packed`)."""
        row: Row[V] = cls.__new__(cls)
        ids: list[str] = []

        def noted() -> Iterator[tuple[str, bytes]]:
            for key, blob in blobs:
                ids.append(key)
                yield key, blob

        shelf: Shelf[str, V] = Shelf.from_packed(noted(), spill)
        row._set(shelf, ids)
        return row

    def _set(self, shelf: Shelf[str, V], ids: list[str]) -> None:
        self.ids: tuple[str, ...] = tuple(ids)
        self._shelf = shelf

    @overload
    def __getitem__(self, index: int) -> V: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[V, ...]: ...

    def __getitem__(self, index: int | slice) -> V | tuple[V, ...]:
        if isinstance(index, slice):
            return tuple(self._shelf[k] for k in self.ids[index])
        return self._shelf[self.ids[index]]

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[V]:
        for key in self.ids:
            yield self._shelf[key]

    def __contains__(self, value: object) -> bool:
        key = getattr(value, "id", None)
        return isinstance(key, str) and key in self._shelf and self._shelf[key] == value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Row):
            return self.ids == other.ids and self._shelf == other._shelf
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def get(self, key: str) -> V | None:
        """The object whose id is ``key``, or None."""
        return self._shelf.get(key)

    def packed(self, key: str) -> bytes:
        return self._shelf.packed(key)

    def __repr__(self) -> str:
        return f"Row({len(self)} items)"


class Packs(Sequence[V]):
    """A list that keeps each item packed from the moment it is appended, made again on
    each read: for a stage that fills a long list and reads it in passes (the search
    index's documents, 20,000 a language at 10,000 services)."""

    def __init__(self, values: Iterable[V] = ()) -> None:
        self._blobs: list[bytes] = [pack(v) for v in values]

    def append(self, value: V) -> None:
        self._blobs.append(pack(value))

    def _blob(self, index: int) -> bytes:
        return self._blobs[index]

    @overload
    def __getitem__(self, index: int) -> V: ...

    @overload
    def __getitem__(self, index: slice) -> list[V]: ...

    def __getitem__(self, index: int | slice) -> V | list[V]:
        if isinstance(index, slice):
            return [unpack(self._blob(i)) for i in range(len(self))[index]]
        return unpack(self._blob(index))

    def __setitem__(self, index: int, value: V) -> None:
        self._blobs[index] = pack(value)

    def __len__(self) -> int:
        return len(self._blobs)

    def __iter__(self) -> Iterator[V]:
        for index in range(len(self)):
            yield unpack(self._blob(index))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} items)"


class Spooled(Packs[V]):
    """:class:`Packs` in a temporary file (``infra/spool.py``), appended to only: for a
    long list made in one pass and read in another, after which it is gone; each item is
    read by its position, so processes forked from the one that made it read it at once."""

    def __init__(self) -> None:
        super().__init__()
        self._spool = Spool()
        #: where each item starts; it ends where the next starts (a machine word an item)
        self._starts = array("q")

    def append(self, value: V) -> None:
        self._starts.append(self._spool.append(pack(value))[0])

    def _blob(self, index: int) -> bytes:
        index = range(len(self._starts))[index]  # negative counts from the end
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._spool)
        return self._spool.read(start, end - start)

    def __setitem__(self, index: int, value: V) -> None:
        raise TypeError("a Spooled list is appended to only")

    def __len__(self) -> int:
        return len(self._starts)


class Paired(MutableMapping[K, tuple[V, D]]):
    """A dict of key -> (object, what it came with) whose objects are kept packed and
    the rest as it is: the content check holds every service with its document this way
    (the documents are lean by then, ``load.Document.lean``).

    The packed objects go to an unnamed temporary file as they are set, and are read
    back by position: at 10,000 services in five languages they are 190 MB that the
    check's process would otherwise hold until the catalogue is made. A value set again
    (a service with its rates filled in) is written anew; the file is gone when the
    mapping is."""

    def __init__(self) -> None:
        self._items: dict[K, tuple[int, int, D]] = {}
        self._spool = Spool()
        self._recent: _Recent[K, V] = _Recent()

    def __getitem__(self, key: K) -> tuple[V, D]:
        _, _, other = self._items[key]
        return self._recent.get(key, lambda: unpack(self.packed(key))), other

    def __setitem__(self, key: K, pair: tuple[V, D]) -> None:
        value, other = pair
        at, size = self._spool.append(pack(value))
        self._items[key] = (at, size, other)
        self._recent.drop(key)

    def __delitem__(self, key: K) -> None:
        del self._items[key]
        self._recent.drop(key)

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def packed(self, key: K) -> bytes:
        """The object of ``key`` packed, for a :class:`Shelf` or :class:`Row` of them."""
        at, size, _ = self._items[key]
        return self._spool.read(at, size)

    def beside(self) -> Iterator[tuple[K, D]]:
        """Each key with what its object came with, the object left packed."""
        for key, (_, _, other) in self._items.items():
            yield key, other


class PackedTuple(Sequence[V]):
    """A tuple kept as one packed blob, made again when it is read: for findings a build
    keeps to its end but reads once or twice (the freshness notices, which the editors'
    dashboard counts: 22,000 at 10,000 services, 25 MB as objects in the build and in
    every process forked from it, about 1 MB packed)."""

    def __init__(self, values: Iterable[V] = ()) -> None:
        items = tuple(values)
        self._blob = pack(items)
        self._len = len(items)

    def _items(self) -> tuple[V, ...]:
        return unpack(self._blob)

    @overload
    def __getitem__(self, index: int) -> V: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[V, ...]: ...

    def __getitem__(self, index: int | slice) -> V | tuple[V, ...]:
        return self._items()[index]

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[V]:
        return iter(self._items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedTuple):
            other = other._items()
        return isinstance(other, tuple) and self._items() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} items)"


def pack_to_file(path: Path, values: Iterable[Any]) -> array:
    """Write each of ``values`` packed to the new file ``path`` as it comes; where each
    ends, for :func:`unpack_from_file`: a worker process hands a long run of objects to
    its parent this way, and neither holds them all (nor does the pipe carry them)."""
    ends = array("q")
    with open(path, "xb") as out:
        for value in values:
            out.write(pack(value))
            ends.append(out.tell())
    return ends


def unpack_from_file(path: Path, ends: Sequence[int]) -> Iterator[Any]:
    """The values :func:`pack_to_file` wrote, in their order; the file is removed after."""
    with open(path, "rb") as handle:
        start = 0
        for end in ends:
            yield unpack(handle.read(end - start))
            start = end
    path.unlink()
