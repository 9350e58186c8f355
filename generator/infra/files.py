"""Only regular files inside the project are content.

A symbolic link in a pull request could point at ``/proc/self/environ``, ``/dev/zero`` or a
file outside the repository, and whatever the build reads ends up on the published site. So
every file the build reads from the project comes through here: each path component below
the project root is checked with ``lstat`` (no link is followed), the file itself must be a
regular file (no FIFO, device, socket or folder named like a file), it is opened without
following a link (``O_NOFOLLOW | O_NONBLOCK``, or on Windows a comparison of the opened
file with the one ``lstat`` saw: :mod:`generator.infra.nofollow`) and checked again on
the open descriptor (nothing swapped in between), and at most ``limit + 1`` bytes are
read, so a size limit holds for what is actually read, not for what ``stat`` claims.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.infra import nofollow
from generator.infra.errors import Problem, display_path

#: read in pieces of this size, so a refused file never costs more than its limit
_CHUNK = 1 << 16


class RefusedFile(Exception):
    """A file the build must not read; the message says why, in one sentence."""


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refusal(kind: str) -> str:
    if kind == "a symbolic link":
        return (
            "is a symbolic link; content must be regular files inside the project "
            "(copy the file instead of linking it)"
        )
    if kind == "a folder":
        return "is a folder, not a file; rename it or move its files"
    return f"is {kind}, not a regular file; only regular files are content"


def check_components(path: Path, root: Path) -> None:
    """Refuse ``path`` if it or any folder between ``root`` and it is a link or special.

    ``root`` itself may lie below a link (a temporary folder, a bind mount); only what the
    project holds is checked.
    """
    path = Path(os.path.abspath(path))
    root = Path(os.path.abspath(root))
    try:
        rel = path.relative_to(root)
    except ValueError:
        raise RefusedFile("lies outside the project; content must be inside it") from None
    current = root
    for i, part in enumerate(rel.parts):
        current = current / part
        try:
            mode = nofollow.lstat_mode(current)
        except FileNotFoundError:
            raise RefusedFile("does not exist") from None
        except OSError as exc:
            raise RefusedFile(f"cannot be read ({exc.strerror})") from None
        last = i == len(rel.parts) - 1
        if stat.S_ISLNK(mode) or (last and not stat.S_ISREG(mode)):
            where = "" if last else f" (its folder {current.relative_to(root).as_posix()!r})"
            raise RefusedFile(_refusal(_kind(mode)).replace("is ", f"{where} is ", 1).lstrip())
        if not last and not stat.S_ISDIR(mode):
            raise RefusedFile(f"cannot be read: {part!r} is {_kind(mode)}")


def read_regular(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file inside ``root`` of at most ``limit`` bytes.

    Raises :class:`RefusedFile` with the reason in one sentence otherwise.
    """
    check_components(path, root)
    try:
        fd = nofollow.open_no_follow(path)
    except OSError as exc:  # replaced by a link or removed since the check
        raise RefusedFile(f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile(_refusal(_kind(info.st_mode)))
        if info.st_size > limit:  # cheap early answer; the read below is the real check
            raise RefusedFile(_too_large(info.st_size, limit))
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise RefusedFile(_too_large(total, limit, at_least=True))
        return b"".join(chunks)
    except OSError as exc:
        raise RefusedFile(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"file is {more}{size if not at_least else limit} bytes; at most {limit} are allowed"


def read_problem(path: Path, root: Path, reason: RefusedFile | str) -> Problem:
    """The refusal as a problem at line 1 of the file, as an editor reads it."""
    return Problem(shown_path(path, root), 1, 1, "", str(reason))


def shown_path(path: Path, root: Path) -> str:
    """Relative to the project, without resolving links (a link's own name is the news)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return display_path(path, root)


def list_files(folder: Path, root: Path, suffix: str) -> tuple[list[Path], list[Problem]]:
    """The entries of ``folder`` ending in ``suffix``, sorted, and problems for the folder.

    Every entry is listed, whatever it is; reading it through :func:`read_regular` refuses
    links, folders and special files with a message. A folder that is a link is refused
    here, so nothing below it is read.
    """
    if not os.path.lexists(folder):
        return [], []
    try:
        _check_folder(folder, root)
    except RefusedFile as exc:
        return [], [read_problem(folder, root, exc)]
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(suffix))
    except OSError as exc:
        return [], [read_problem(folder, root, f"cannot be listed ({exc.strerror})")]
    return [folder / n for n in names], []


def _check_folder(folder: Path, root: Path) -> None:
    folder = Path(os.path.abspath(folder))
    try:
        rel = folder.relative_to(os.path.abspath(root))
    except ValueError:
        raise RefusedFile("lies outside the project; content must be inside it") from None
    current = Path(os.path.abspath(root))
    for part in rel.parts:
        current = current / part
        try:
            mode = nofollow.lstat_mode(current)
        except OSError as exc:
            raise RefusedFile(f"cannot be read ({exc.strerror})") from None
        if not stat.S_ISDIR(mode):
            what = _kind(mode)
            raise RefusedFile(
                "is a symbolic link; content folders must be real folders inside the project"
                if what == "a symbolic link"
                else f"is {what}, expected a folder"
            )


def exists(path: Path) -> bool:
    """True if anything (even a dangling link) has this name: it is then read, or refused."""
    return os.path.lexists(path)


def scan_tree(folder: Path, root: Path) -> list[Problem]:
    """A problem for every link and special file below ``folder`` (which MkDocs or Jinja
    would otherwise follow or copy); nothing is followed while looking."""
    if not os.path.lexists(folder):
        return []
    try:
        _check_folder(folder, root)
    except RefusedFile as exc:
        return [read_problem(folder, root, exc)]
    problems: list[Problem] = []

    def walk(current: Path) -> None:
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            problems.append(read_problem(current, root, f"cannot be listed ({exc.strerror})"))
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                mode = nofollow.link_mode(entry.stat(follow_symlinks=False))
            except OSError as exc:
                problems.append(read_problem(path, root, f"cannot be read ({exc.strerror})"))
                continue
            if stat.S_ISDIR(mode):
                walk(path)
            elif not stat.S_ISREG(mode):
                problems.append(read_problem(path, root, _refusal(_kind(mode))))

    walk(folder)
    return problems


def regular_files(folder: Path) -> Iterable[Path]:
    """Every regular file below ``folder`` (links and special files are not followed)."""
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                yield path
