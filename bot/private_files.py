"""Files that hold patients' data (SQLite databases, the spool, CSV exports)
are created readable by their owner only (0600, folders 0700), whatever the
process's umask (issue 14)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Union

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Union[str, Path]) -> Path:
    """Create the folder (and parents) 0700; an existing folder is left as it is."""
    path = Path(path)
    if not path.exists():
        path.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
        os.chmod(path, DIR_MODE)        # mkdir's mode is reduced by the umask
    return path


def private_open(path: Union[str, Path], mode: str = "w", **kwargs) -> IO:
    """open() that creates the file 0600 (append, write or exclusive modes)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else 0) | (os.O_TRUNC if "w" in mode else 0)
    fd = os.open(str(path), flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)        # a file created by an older version keeps no wider mode
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def private_file(path: Union[str, Path]) -> Path:
    """Make sure the file exists with 0600 (SQLite then creates its -wal and
    -shm files with the database file's permissions). A missing folder is
    not created: that is a configuration error SQLite should report."""
    path = Path(path)
    if path.parent.is_dir():
        private_open(path, "a").close()
    return path
