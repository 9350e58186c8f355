"""Open a project file for reading without following a link, on every system.

:mod:`generator.infra.files` checks every path component with ``lstat`` and then opens
the file; the open itself must not follow a link swapped in between. Chosen at import:

- Where ``os.O_NOFOLLOW`` exists (Linux, macOS, the BSDs), the kernel refuses a link in
  the last component at open (``ELOOP``).
- Elsewhere (Windows), the file is looked at with ``lstat``, opened, and the device and
  inode number of the open file (``fstat``) compared with the ``lstat``'s: a link, or any
  other file put in its place in between, is refused with the same ``ELOOP`` error, so the
  refusal reads the same on every system.

:func:`lstat_mode` reports Windows' junctions (folder links any user may make) as links,
which ``os.lstat`` reports as folders, so the checks refuse them like symbolic links.
"""

from __future__ import annotations

import errno
import os
import stat

#: the flags every open has; O_NONBLOCK keeps a FIFO from blocking (Unix), O_BINARY keeps
#: Windows from translating line ends
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_BINARY", 0)
)
#: what ``strerror(ELOOP)`` says on Linux and macOS, where O_NOFOLLOW gives it
_LOOP = "Too many levels of symbolic links"
#: Windows reparse points that name another place: ``IO_REPARSE_TAG_SYMLINK`` and
#: ``IO_REPARSE_TAG_MOUNT_POINT`` (a junction); ``stat`` has these names on Windows only
_LINK_TAGS = (0xA000000C, 0xA0000003)


def lstat_mode(path: str | os.PathLike[str]) -> int:
    """``os.lstat(path).st_mode``, with a junction reported as a link."""
    return link_mode(os.lstat(path))


def link_mode(info: os.stat_result) -> int:
    """``info.st_mode``, or a link's mode where ``info`` is of a Windows reparse point
    that names another place (``os.lstat`` reports a junction as a folder)."""
    if getattr(info, "st_reparse_tag", 0) in _LINK_TAGS:
        return stat.S_IFLNK | stat.S_IMODE(info.st_mode)
    return info.st_mode


def _refused(path: str | os.PathLike[str]) -> OSError:
    return OSError(errno.ELOOP, _LOOP, os.fspath(path))


def open_with_flag(path: str | os.PathLike[str]) -> int:
    """A descriptor for reading ``path``; the kernel refuses a link (``O_NOFOLLOW``)."""
    return os.open(path, _FLAGS | os.O_NOFOLLOW)


def open_and_compare(path: str | os.PathLike[str]) -> int:
    """A descriptor for reading ``path``, refused (``ELOOP``) if ``path`` is a link or the
    file opened is not the one ``lstat`` saw just before."""
    before = os.lstat(path)
    if stat.S_ISLNK(link_mode(before)):
        raise _refused(path)
    fd = os.open(path, _FLAGS)
    try:
        after = os.fstat(fd)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise _refused(path)
    except BaseException:
        os.close(fd)
        raise
    return fd


#: how this system opens a project file without following a link
open_no_follow = open_with_flag if hasattr(os, "O_NOFOLLOW") else open_and_compare
