"""Writing files so that nothing is half-written and no concurrent change is lost.

Every file the tool writes goes through :func:`write_atomic`: the bytes go to a
temporary file in the same folder, are flushed to disk (``fsync``) and then replace the
target in one ``os.replace``; the folder is synced too. A crash, a kill or a full disk
leaves either the old file or the new one, never an empty or truncated one.

An in-place update (``sroi verify REPORT --out REPORT``) goes through
:class:`InPlaceUpdate`: it holds an advisory lock (``fcntl.flock``) on the file while it
reads, decides and writes, and just before the replace it checks that the file still
has the bytes it read. A second ``sroi`` on the same file is refused at once (it cannot
take the lock); an editor or another program that changed the file in the meantime is
detected by the digest. Either way :class:`~sroi_core.errors.ConcurrentUpdateError` is
raised (the CLI exits 2) and the other change is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from pathlib import Path
from types import TracebackType
from typing import IO

from sroi_core.errors import ConcurrentUpdateError, FileWriteError

try:  # POSIX; elsewhere only the digest check guards an in-place update
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platform without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _write_all(stream: IO[bytes], data: bytes) -> None:
    stream.write(data)
    stream.flush()
    os.fsync(stream.fileno())


def _is_special(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file (a pipe, a terminal, /dev/null)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically.

    A new file gets the usual permissions (0666 minus the umask); an existing one keeps
    its mode. Writing to a pipe or a device (``-o /dev/stdout``) streams the bytes, as
    there is nothing to replace. Raises :class:`~sroi_core.errors.FileWriteError`.
    """
    _replace(Path(path), data.encode("utf-8") if isinstance(data, str) else data, None)


def _replace(target: Path, payload: bytes, update: InPlaceUpdate | None) -> None:
    name = str(target)
    try:
        if _is_special(target):
            with open(target, "wb") as stream:
                stream.write(payload)
            return
        directory = target.parent
        temporary = directory / f".{target.name}.{secrets.token_hex(6)}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise FileWriteError(
            f"cannot write the output: {error.strerror or error}", source=name
        ) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            _write_all(stream, payload)
        with contextlib.suppress(OSError):
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        if update is not None:
            update.check_unchanged()
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise FileWriteError(
            f"cannot write the output: {error.strerror or error}; the file was left as it was",
            source=name,
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(directory)


def _digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes, None when it no longer exists."""
    hasher = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                hasher.update(block)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FileWriteError(
            f"cannot read the file back: {error.strerror or error}", source=str(path)
        ) from None
    return hasher.hexdigest()


class InPlaceUpdate:
    """Hold a file for an in-place update: lock it, remember its digest, replace it once.

    Use as a context manager around reading and writing::

        with InPlaceUpdate(path) as update:
            report = load(path)            # read while holding the lock
            update.write(new_text)         # refuses if the file changed meanwhile
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._digest: str | None = None

    def __enter__(self) -> InPlaceUpdate:
        name = str(self.path)
        try:
            self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as error:
            raise FileWriteError(
                f"cannot open the file to update it: {error.strerror or error}", source=name
            ) from None
        if not stat.S_ISREG(os.fstat(self._fd).st_mode):
            self._release()
            raise FileWriteError(
                "is not a regular file; only a regular file is updated in place", source=name
            )
        if fcntl is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._release()
                raise ConcurrentUpdateError(
                    f"{name}: another process is updating this file right now; nothing was "
                    "written — run the command again when it has finished"
                ) from None
        if os.fstat(self._fd).st_ino != os.stat(self.path).st_ino:
            self._release()
            raise ConcurrentUpdateError(
                f"{name}: the file was replaced while this command opened it; nothing was "
                "written — run the command again"
            )
        self._digest = _digest(self.path)
        return self

    def check_unchanged(self) -> None:
        """Raise ConcurrentUpdateError when the file no longer has the bytes first seen."""
        if _digest(self.path) != self._digest:
            raise ConcurrentUpdateError(
                f"{self.path}: the file was changed by someone else while this command ran; "
                "nothing was written, so that change is kept — run the command again on the "
                "current file"
            )

    def write(self, data: str | bytes) -> None:
        """Replace the file atomically, after checking nobody else changed it."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        _replace(self.path, payload, self)

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._release()


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two paths name one existing file (an in-place update)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
