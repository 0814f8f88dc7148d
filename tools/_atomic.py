"""Write a file in one step: a reader (or a learner) sees the old file or the new one, never half of one.

Every course tool that writes a notebook, a record or an export calls :func:`write_text_atomic`:
it writes a temporary file in the target's own folder, flushes it to disk (``fsync``), then
renames it over the target (``os.replace``, atomic on POSIX and Windows within one file system).
If anything fails before the rename, the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

#: Permission bits of a new file before the umask, as ``open(path, "w")`` would create it.
NEW_FILE_MODE = 0o666


def temporary_name(path: Path) -> Path:
    """A hidden name beside ``path``, unique to this process and call (``.<name>.<pid>.<hex>.tmp``)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def write_text_atomic(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Replace the file at ``path`` by ``text`` in one step; return the path.

    Parameters
    ----------
    path : str or PathLike
        The file to write. Its folder must exist. An existing file keeps its
        permission bits; a new one gets the usual ``0o666`` less the umask.
    text : str
        The whole new content.
    encoding : str
        How ``text`` is encoded (UTF-8 unless told).

    Raises
    ------
    OSError
        If the folder is not writable, the disk is full, ... ; the target is then unchanged
        and no temporary file is left behind.
    """
    path = Path(path)
    data = text.encode(encoding)
    temporary = temporary_name(path)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and error.filename == str(temporary):  # name the file the caller knows
            raise type(error)(error.errno, error.strerror, str(path)) from error
        raise
    sync_folder(path.parent)
    return path


def copy_file_atomic(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Copy the file ``source`` over ``target`` in one step (a temporary copy beside it, then a rename).

    The signature of ``shutil.copy2``, so that ``shutil.copytree(..., copy_function=copy_file_atomic)``
    copies a folder file by file this way. If the copy fails, ``target`` is unchanged and no
    temporary file is left behind.
    """
    target = Path(target)
    temporary = temporary_name(target)
    try:
        shutil.copy2(source, temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entry list to disk, so that a rename survives a power cut (POSIX only)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def describe_error(error: BaseException, limit: int = 200) -> str:
    """``error`` in one short line: an operating-system error's reason, else its type and message."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:limit]}{'...' if len(text) > limit else ''}"
