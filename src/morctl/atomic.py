"""Atomic file writes: a temporary file in the same folder, then a rename, so an interrupted
run leaves the old file in place."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from morctl.diagnostics import clip, visible
from morctl.errors import MorctlError

# The signals that end a run as Ctrl-C does (morctl.__main__ turns them into SystemExit):
# `kill` and a CI job cancelled (SIGTERM), the terminal closed or an SSH session dropped
# (SIGHUP, which Windows does not have).
TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _create(tmp: Path, mode: int) -> int:
    """Create the temporary file (exclusively, so a stale one is never written through)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(tmp, flags, mode)
    except FileExistsError:  # left behind by an interrupted run of this same process id
        os.unlink(tmp)
        return os.open(tmp, flags, mode)


def same_file(path: str | Path) -> tuple[int, int] | None:
    """What a name leads to, however it is written (through links, in other capitals on a
    file system that ignores case): two names of one file give one value; None if none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def dead_link(path: str | Path) -> str | None:
    """What a link that leads to nothing is ("a link to 'X', which does not exist", or
    round in a loop), for messages; None when ``path`` is no such link."""
    if not os.path.islink(path) or os.path.exists(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads round in a loop (back to itself)"
    try:
        target = os.readlink(path)
    except OSError as exc:
        # /proc/1/cwd, met in a folder linked into logs/: a link not even root may read.
        return f"a link that cannot be followed ({exc.strerror})"
    return f"a link to '{clip(visible(target))}', which does not exist"


def _target(path: str | Path) -> tuple[Path, int | None]:
    """The file to write (a link is kept and the file it points to written) and its mode,
    None when it does not exist yet."""
    target = Path(path)
    if target.is_symlink():
        real = Path(os.path.realpath(target))
        try:
            return real, real.stat().st_mode
        except OSError:
            pass
        try:
            # /dev/stdout in a pipe: the link ends at "pipe:[123]", which is no path, but
            # the link itself opens the pipe.
            return target, target.stat().st_mode
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # written "through", the link would be replaced
                raise MorctlError(
                    f"cannot write {target}: it is {dead_link(target)}",
                    "remove the link, or write elsewhere",
                ) from None
            return real, None  # a dangling link: the file it names is created
    try:
        return target, target.stat().st_mode
    except OSError:
        return target, None


def sweep(folder: str | Path, suffix: str) -> None:
    """Remove the temporary files a killed run (SIGKILL, a power cut) left in ``folder``
    for files ending in ``suffix``: those named ``.NAME{suffix}.PID.tmp`` whose process is
    gone. A running one's are kept, and so is any other file."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    temp = re.compile(rf"\..+{re.escape(suffix)}\.(\d+)\.tmp")
    for name in names:
        m = temp.fullmatch(name)
        if m is None or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, name))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # another user's process, or no way to tell: keep its file
    return True


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and those above it; a link on the way that leads nowhere (to a
    drive not mounted, or round in a loop) is named, where mkdir says only "File exists"."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        for above in (folder, *folder.parents):
            if why := dead_link(above):
                raise MorctlError(
                    f"cannot write into {folder}: {above} is {why}",
                    "mount the folder it points to, or write elsewhere",
                ) from None
        raise


def _not_read_only(target: Path, mode: int | None) -> None:
    """Refuse to replace a file made read-only (a month log frozen once audited, a signed-off
    report): the rename needs only the folder to be writable, and replaced it without a
    word. Root may write anything, so a file nobody may write is taken as locked on purpose."""
    if mode is None or not stat.S_ISREG(mode):
        return
    if mode & 0o222 and os.access(target, os.W_OK):
        return
    raise MorctlError(
        f"cannot write {target}: it is read-only",
        f"make it writable (chmod u+w {target}) if it is to change, or write elsewhere",
    )


def _file_above(target: Path) -> Path | None:
    """The nearest of the folders ``target`` is in that is something else (a file)."""
    for above in target.parents:
        if os.path.exists(above):
            return None if os.path.isdir(above) else above
    return None


def _open_temp(
    target: Path, mode: int | None, newline: str | None, errors: str
) -> tuple[Path, TextIO]:
    """The temporary file beside ``target``, open for writing. A rewritten file keeps its
    permissions; a new one gets 0666 less the umask, as ``open`` would give it."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    existing = None if mode is None else stat.S_IMODE(mode)
    try:
        try:
            fd = _create(tmp, 0o666 if existing is None else existing)
        except FileNotFoundError:
            _make_folder(target.parent)
            fd = _create(tmp, 0o666 if existing is None else existing)
    except OSError as exc:
        if exc.errno == errno.ENOTDIR and (blocker := _file_above(target)) is not None:
            # "Not a directory", and to check that the folder exists: it does, as a file
            # (a `--out reports` that wrote a file named reports).
            raise MorctlError(
                f"cannot write {target}: {blocker} is a file, not a folder",
                "move that file away, or write elsewhere",
            ) from None
        raise MorctlError(
            f"cannot write {target}: {exc.strerror}", "check that the folder exists and is writable"
        ) from None
    try:
        if existing is not None:
            os.fchmod(fd, existing)  # the umask may have narrowed the kept permissions
        return tmp, os.fdopen(fd, "w", encoding="utf-8", newline=newline, errors=errors)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def open_atomic(
    path: str | Path, newline: str | None = None, durable: bool = False, errors: str = "strict"
) -> Iterator[TextIO]:
    """Write through the yielded handle; the file appears only if the block completes.
    ``durable`` also flushes it to the disk before the rename, so that a power cut cannot
    leave an empty file in place of the old one (for a log, not for 90,000 calendars).

    Calendars write tens of thousands of files in one run, so this costs as few system
    calls as it can: no random names, no extra chmod."""
    target, mode = _target(path)
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # /dev/null, a named pipe: written as they are, since a rename would put a
        # regular file in the device's place (as root, /dev/null itself).
        with open(target, "w", encoding="utf-8", newline=newline, errors=errors) as device:
            yield device
        return
    _not_read_only(target, mode)
    tmp, handle = _open_temp(target, mode, newline, errors)
    try:
        with handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Staged:
    """Files written to temporaries, renamed into place together by :meth:`commit`: a run
    that fails half-way (a feed that cannot be written) leaves every old file as it was,
    so that subscribers never get half a new set of calendars."""

    def __init__(self) -> None:
        self._temps: list[tuple[Path, Path]] = []
        self._named: dict[str, Path] = {}  # each file to write: the name it was given

    def write(self, path: str | Path, text: str, newline: str | None = "") -> None:
        target, mode = _target(path)
        if mode is not None and not stat.S_ISREG(mode):
            raise MorctlError(
                f"cannot write {target}: something that is not a file has its name",
                "move it away, or write elsewhere; no file was changed",
            )
        _not_read_only(target, mode)
        # By the file's real place: `feeds/me.ics` (a link) and `feeds/priya.ics` are one.
        same = self._named.setdefault(os.path.realpath(target), Path(path))
        if same != Path(path):  # a link to a file written under its own name too
            raise MorctlError(
                f"cannot write both {same} and {path}: they are one file ({target})",
                "remove the link, or write elsewhere; no file was changed",
            )
        tmp, handle = _open_temp(target, mode, newline, "strict")
        self._temps.append((tmp, target))
        try:
            with handle:
                handle.write(text)
        except OSError as exc:
            raise MorctlError(f"cannot write {target}: {exc.strerror}") from None

    def commit(self) -> None:
        # Ctrl-C, a SIGTERM or a SIGHUP is held while the files are renamed: all of them
        # appear, or (before this point) none.
        held = {signal.SIGINT, *TERMINATING}
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            total = len(self._temps)
            for done, (tmp, target) in enumerate(self._temps):
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    # Renames cannot be undone together: say what is new and what is not.
                    self._temps = self._temps[done:]
                    self.discard()
                    raise MorctlError(
                        f"cannot replace {target}: {exc.strerror}",
                        f"{done} of the {total} files were replaced before it, the other "
                        f"{total - done} were not; once it can be replaced, run again, which "
                        "writes them all",
                    ) from None
            self._temps = []
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, held)

    def discard(self) -> None:
        for tmp, _ in self._temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._temps = []


@contextlib.contextmanager
def staged() -> Iterator[Staged]:
    """Files written in the block appear together when it completes, and not at all when
    it fails."""
    files = Staged()
    try:
        yield files
    except BaseException:
        files.discard()
        raise
    files.commit()


def write_atomic(
    path: str | Path,
    text: str,
    newline: str | None = "",
    durable: bool = False,
    errors: str = "strict",
    refused: str | None = None,
) -> None:
    """``errors="surrogateescape"`` writes back the bytes of text read that way.
    ``refused``: the hint when the system does not let the file be written or replaced."""
    try:
        with open_atomic(path, newline=newline, durable=durable, errors=errors) as handle:
            handle.write(text)
    except OSError as exc:
        hint = refused if isinstance(exc, PermissionError) else None
        raise MorctlError(f"cannot write {path}: {exc.strerror}", hint) from None


def write_new(path: str | Path, text: str) -> bool:
    """Write ``text`` to ``path`` only if nothing is there (False if something is): whole,
    or not at all. The temporary file is linked into place, which fails rather than replace
    a file that appeared meanwhile (an editor's save of a ticked checklist); where the file
    system has no hard links, the file is created exclusively and written in place."""
    target = Path(path)
    tmp, handle = _open_temp(target, None, "", "strict")
    try:
        with handle:
            handle.write(text)
        try:
            os.link(tmp, target)
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            try:
                with open(target, "x", encoding="utf-8", newline="") as direct:
                    direct.write(text)
            except FileExistsError:
                return False
        return True
    except OSError as exc:
        raise MorctlError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
