"""Output files written safely: clear messages before writing, then a temporary file moved into place.

A figure, table or exported layer is written under a hidden temporary name in the target folder and renamed onto
its final name (``os.replace``, atomic on one file system) only when complete, so a failure or a cancel never leaves a
half-written file under the final name, and an existing file stays untouched until the new one is whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from typing import Dict, Iterator, List

from .errors import ExportError
from .i18n import tr
from .writable import can_replace, can_write_in

#: Lock files office programs leave beside a document they hold open (Excel and WPS; LibreOffice).
_OFFICE_LOCKS = ("~${name}", ".~lock.{name}#")


def check_folder(folder: str) -> str:
    """The absolute folder, or an ExportError when it is missing, not a folder or not writable."""
    if not folder or not str(folder).strip():
        raise ExportError(tr("No output folder was given."))
    folder = os.path.abspath(os.path.expanduser(str(folder)))
    if not os.path.exists(folder):
        raise ExportError(tr("The output folder {folder} does not exist.").format(folder=folder))
    if not os.path.isdir(folder):
        raise ExportError(tr("{folder} is a file, not a folder.").format(folder=folder))
    if not can_write_in(folder):
        raise ExportError(tr("The output folder {folder} is read-only; choose another folder.").format(folder=folder))
    return folder


def check_target(path: str) -> str:
    """The absolute target path, or an ExportError: bad folder, a folder in the way, open elsewhere, read-only."""
    target = os.path.abspath(os.path.expanduser(str(path)))
    check_folder(os.path.dirname(target))
    if os.path.isdir(target):
        raise ExportError(tr("{path} is a folder.").format(path=target))
    if os.path.exists(target):
        name = os.path.basename(target)
        for pattern in _OFFICE_LOCKS:
            if os.path.exists(os.path.join(os.path.dirname(target), pattern.format(name=name))):
                raise ExportError(tr("{path} is open in another program (Excel, WPS or LibreOffice); close it there "
                                     "and export again.").format(path=target))
        if not can_replace(target):
            raise ExportError(tr("{path} is read-only or open in another program; close it or choose another "
                                 "name.").format(path=target))
    return target




def replace(source: str, target: str) -> None:
    """Move the finished ``source`` onto ``target``, with a clear message when the target is held open."""
    try:
        os.replace(source, target)
    except OSError as err:
        if err.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY) or getattr(err, "winerror", 0) == 32:
            raise ExportError(tr("{path} is read-only or open in another program; close it or choose another "
                                 "name.").format(path=target), str(err)) from err
        raise ExportError(tr("{path} cannot be written: {error}").format(path=target, error=err)) from err


def _file_mode() -> int:
    """The permissions a newly created file gets (mkstemp would leave it private to the user)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def _temporary_name(target: str) -> str:
    folder, name = os.path.split(target)
    handle, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".part" + os.path.splitext(name)[1], dir=folder)
    os.close(handle)
    os.chmod(path, _FILE_MODE)
    return path


@contextlib.contextmanager
def atomic_file(path: str) -> Iterator[str]:
    """Yields a temporary path beside ``path``; on success it replaces ``path``, on any error it is deleted."""
    target = check_target(path)
    try:
        temporary = _temporary_name(target)
    except OSError as err:
        raise ExportError(tr("{path} cannot be written: {error}").format(path=target, error=err)) from err
    try:
        yield temporary
        replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise


class StagingFolder:
    """A hidden folder inside the output folder collecting a whole export; files move out only at the end."""

    def __init__(self, folder: str):
        self.folder = check_folder(folder)
        try:
            self.path = tempfile.mkdtemp(prefix=".pingcheng-export-", dir=self.folder)
        except OSError as err:
            raise ExportError(tr("The output folder {folder} is read-only; choose another folder.").format(
                folder=self.folder), str(err)) from err

    def __enter__(self) -> StagingFolder:
        return self

    def __exit__(self, *_exc) -> None:
        self.cleanup()

    def staged(self, name: str) -> str:
        return os.path.join(self.path, name)

    def final(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def check_targets(self, names: List[str]) -> None:
        for name in names:
            check_target(self.final(name))

    def commit(self) -> List[str]:
        """Move every staged file to the output folder; returns the final paths, sorted."""
        moves: Dict[str, str] = {}
        for name in sorted(os.listdir(self.path)):
            moves[os.path.join(self.path, name)] = self.final(name)
        self.check_targets([os.path.basename(t) for t in moves.values()])
        for source, target in moves.items():
            replace(source, target)
        return sorted(moves.values())

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
