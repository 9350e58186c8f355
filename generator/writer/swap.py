"""Put a finished site in place atomically, one build at a time, whatever kills a build.

- **Swap**: on Linux, ``renameat2(RENAME_EXCHANGE)`` trades the new folder and ``site/``
  in one step, so at every instant ``site/`` is either the complete old or the complete
  new site. Where the call is missing (another system, a file system without it), two
  renames are used, and a build killed between them is repaired by the next one: it puts
  the old folder back before anything else.
- **Leftovers**: a build killed with SIGKILL leaves its work folder
  (``.site.building-*``, or ``.site.old-*`` from the fallback); the next build removes
  them, under the lock, so no running build's folder is touched.
- **Lock**: ``fcntl.flock`` on the folder that holds the output folder (no lock file is
  left lying about); on Windows a lock on a lock file beside it (:mod:`generator.infra.lock`).
  The system drops the lock when its holder dies, however it dies, so a killed build never
  blocks the next.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import shutil
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.infra import lock

log = logging.getLogger("servicefinder.build")

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_prefix(target: Path) -> str:
    return f".{target.name}.building-"


def _old_prefix(target: Path) -> str:
    return f".{target.name}.old-"


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold the build lock for ``target``; then repair and clean what killed builds left."""

    def waiting() -> None:
        log.warning(f"another build of {target.name}/ is running; waiting for it to finish")

    with lock.held(target, on_wait=waiting):
        recover(target)
        yield


def recover(target: Path) -> None:
    """Put back an old site a killed fallback swap had moved aside, and remove every work
    folder of earlier builds. Called with the lock held: none of them is in use."""
    parent = target.parent
    olds = sorted(p for p in parent.glob(_old_prefix(target) + "*") if p.is_dir())
    if olds and not os.path.lexists(target):
        olds[-1].rename(target)  # killed between the two renames: the old site returns
        olds = olds[:-1]
    for folder in [*olds, *parent.glob(staging_prefix(target) + "*")]:
        if folder.is_dir() and not folder.is_symlink():
            remove_tree(folder)


def swap_in(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` where ``target`` is; remove what was there after."""
    os.chmod(new, 0o755)  # mkdtemp makes it private; a web server must read it
    if not os.path.lexists(target):
        new.rename(target)
        return
    if _exchange(new, target):
        remove_tree(new)  # ``new`` now holds the old site
        return
    old = target.with_name(f"{_old_prefix(target)}{os.getpid()}")
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    remove_tree(old)


def remove_tree(folder: Path) -> None:
    """Remove a folder of this program's output, also when it was made read-only (a
    site/ set read-only by its host: the folders are the building user's own, so they are
    made writable first). What still cannot be removed is named in a warning; it was left
    as a ``.site.building-*`` folder without a word."""

    def writable(function: object, path: str, exc_info: object) -> None:
        for folder in (os.path.dirname(path), path):
            try:
                if os.path.isdir(folder) and not os.path.islink(folder):
                    os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) | stat.S_IRWXU)
            except OSError:
                pass

    # Python 3.12 renamed the hook (same call, the exception instead of its triple)
    hook = {"onexc" if sys.version_info >= (3, 12) else "onerror": writable}
    for _ in range(2):  # a folder that could not even be listed is removed the second time
        shutil.rmtree(folder, **hook)  # type: ignore[arg-type]
        if not os.path.lexists(folder):
            return
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        log.warning(
            f"warning: {folder} could not be removed ({reason}: {exc.filename}); the site "
            "was published, remove that folder by hand"
        )


def _libc_renameat2():  # -> the C function, or None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _libc_renameat2()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two names in one system call; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # no such call, or the file system does not support the exchange
    raise OSError(code, os.strerror(code), str(b))
