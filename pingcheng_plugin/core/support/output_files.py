"""Output files written safely: clear messages before writing, then temporary files checked and moved into place.

Every figure, table or exported layer is written into a hidden staging folder inside the target folder (same file
system, so the final move is an atomic rename). Before anything moves, each file is checked to be whole
(:mod:`.file_checks`: Qt and GDAL writers report success on a full disk and leave empty or cut-off files) and
flushed to the disk. A file the user already had under a final name is kept as a hard link until every new file is
in place, so a failure part-way puts it back. A failure or a cancel removes the staging folder and says why, in
particular "no space left on the disk holding …" rather than a permission problem.

Staging folders (``.pingcheng-export-<pid>-*`` in the output folder) and work folders (``pingcheng-<what>-<pid>-*``
in the temporary folder) are removed on success, failure and cancel; those of a killed run are removed by the next
run that uses the same folder, once they are old enough (or, for work folders, once their process is gone).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from typing import Dict, Iterator, List, Optional

from . import file_checks
from .errors import ExportError
from .i18n import tr
from .writable import can_replace, can_write_in

#: Lock files office programs leave beside a document they hold open (Excel and WPS; LibreOffice).
_OFFICE_LOCKS = ("~${name}", ".~lock.{name}#")
STAGING_PREFIX = ".pingcheng-export-"
WORK_PREFIX = "pingcheng-"
#: A staging folder untouched this long belongs to a run that was killed: no export goes an hour without writing.
STALE_AFTER_S = 3600.0
#: A work folder whose process has ended is still left alone this long: a safety margin against a process id
#: read from another machine's or container's temporary folder.
ORPHAN_AFTER_S = 60.0
#: Less free space than this after a failed write means the disk filled up.
LOW_SPACE_BYTES = 1 << 20
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
_DENIED = (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY, errno.EROFS)


def free_bytes(folder: str) -> Optional[int]:
    """Free space on the disk holding ``folder``, or None when it cannot be asked."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def shown(path: str) -> str:
    """The name the user knows a file by: a file in a staging folder is shown under its final path."""
    folder, name = os.path.split(os.path.abspath(path))
    if os.path.basename(folder).startswith(STAGING_PREFIX):
        return os.path.join(os.path.dirname(folder), name)
    return path


def no_space(path: str) -> ExportError:
    """The message for a disk that filled up while ``path`` (a file or a folder) was written."""
    path = shown(path)
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    return ExportError(tr("No space left on the disk holding {folder}: {name} could not be written completely. Free "
                          "some space or choose another folder; nothing was changed.").format(
        folder=folder, name=os.path.basename(path)))


def disk_full(folder: str) -> bool:
    """Whether the disk holding ``folder`` has (almost) no space left: the likely cause of a failed write."""
    free = free_bytes(folder)
    return free is not None and free < LOW_SPACE_BYTES


def write_error(path: str, err: OSError) -> ExportError:
    """The message for an OSError while writing ``path``: no space, read-only or held open, or the system's words."""
    path = shown(path)
    if err.errno in _NO_SPACE:
        return no_space(path)
    if err.errno in _DENIED or getattr(err, "winerror", 0) == 32:
        return ExportError(tr("{path} is read-only or open in another program; close it or choose another "
                              "name.").format(path=path), str(err))
    return ExportError(tr("{path} cannot be written: {error}").format(path=path, error=err.strerror or err), str(err))


def failure(path: str, detail: str = "") -> ExportError:
    """A write that a library reported (or a check found) as failed: a full disk when the disk is full, else the
    library's own words."""
    path = shown(path)
    if disk_full(os.path.dirname(path) or "."):
        return no_space(path)
    return ExportError(tr("{path} was not written completely ({problem}); nothing was changed.").format(
        path=path, problem=detail or tr("unknown error")), detail or None)


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
        if disk_full(folder):
            raise no_space(folder)
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
        raise write_error(target, err) from err


def flush(path: str) -> None:
    """Push ``path`` (a file or a folder's entry list) to the disk, so a power cut cannot undo a finished export."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its renames are written through anyway
    try:
        os.fsync(handle)
    except OSError as err:
        if err.errno in _NO_SPACE:
            raise no_space(path) from err
        # some file systems (network shares, folders) cannot fsync; the data is still written
    finally:
        os.close(handle)


# --- leftovers of killed runs -------------------------------------------------------------------------------

def _newest_change(folder: str) -> float:
    newest = os.path.getmtime(folder)
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                newest = max(newest, os.path.getmtime(os.path.join(root, name)))
    return newest


def _process_gone(name: str, prefix: str) -> bool:
    """Whether the process whose id the folder name carries (``<prefix><pid>-…``) no longer runs here."""
    pid = name[len(prefix):].split("-", 1)[0]
    if not pid.isdigit() or os.name == "nt":  # on Windows os.kill(pid, 0) would end that process: age alone decides
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists but belongs to another user, or Windows: keep it
        return False
    return False


_OWN_SUFFIX = r"[0-9]+-[a-z0-9_]{8}"  # process id, tempfile's 8 random characters


def sweep(folder: str, prefix: str, local: bool = False, now: Optional[float] = None) -> List[str]:
    """Remove the plugin's folders named ``prefix…`` in ``folder`` that a killed run left; returns them.

    Only folders (never files) with the plugin's prefix, and only when nothing in them changed for
    STALE_AFTER_S; in a ``local`` folder (the temporary folder, never shared with other computers) also when the
    process named in the folder is gone and ORPHAN_AFTER_S passed."""
    now = time.time() if now is None else now
    own = re.compile(re.escape(prefix) + _OWN_SUFFIX)
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        path = os.path.join(folder, name)
        # exactly the names the plugin makes (prefix, process id, tempfile's 8 random characters): a user's
        # own folder that merely starts like them is never touched
        if not own.fullmatch(name) or os.path.islink(path) or not os.path.isdir(path):
            continue
        try:
            age = now - _newest_change(path)
        except OSError:
            continue
        if age > STALE_AFTER_S or (local and age > ORPHAN_AFTER_S and _process_gone(name, prefix)):
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.exists(path):
                removed.append(path)
    return removed


def work_folder(what: str) -> str:
    """A new private work folder ``pingcheng-<what>-<pid>-…`` in the temporary folder, after removing those that
    killed runs left there. The caller removes it (``shutil.rmtree``) when done."""
    prefix = f"{WORK_PREFIX}{what}-"
    base = tempfile.gettempdir()
    sweep(base, prefix, local=True)
    try:
        return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=base)
    except OSError as err:
        raise write_error(base, err) from err


# --- writing ------------------------------------------------------------------------------------------------

class StagingFolder:
    """A hidden folder inside the output folder collecting a whole export; files move out only at the end.

    Use it as a context manager: it is removed when the block ends, whatever happened, and an OSError raised in
    the block (a Python writer on a full disk) becomes an ExportError naming the final file and the cause.
    """

    def __init__(self, folder: str):
        self.folder = check_folder(folder)
        self.expected: Dict[str, int] = {}
        sweep(self.folder, STAGING_PREFIX)
        try:
            self.path = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=self.folder)
        except OSError as err:
            raise write_error(self.folder, err) from err

    def __enter__(self) -> StagingFolder:
        return self

    def __exit__(self, _kind, error, _traceback) -> None:
        target = self.folder
        if isinstance(error, OSError):  # name the file being written: the error's own, else the only one staged
            staged = getattr(error, "filename", None) or ""
            names = os.listdir(self.path) if os.path.isdir(self.path) else []
            if staged and os.path.dirname(os.path.abspath(staged)) == self.path:
                target = self.final(os.path.basename(staged))
            elif len(names) == 1:
                target = self.final(names[0])
        self.cleanup()
        if isinstance(error, OSError):
            raise write_error(target, error) from error

    def staged(self, name: str) -> str:
        return os.path.join(self.path, name)

    def final(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def expect(self, name: str, features: int) -> None:
        """The staged vector file ``name`` must hold ``features`` features when committed."""
        self.expected[name] = features

    def check_targets(self, names: List[str]) -> None:
        for name in names:
            check_target(self.final(name))

    def verify(self) -> List[str]:
        """Check and flush every staged file; returns their names, sorted. Raises ExportError for any incomplete."""
        names = sorted(os.listdir(self.path))
        if not names:
            raise failure(self.folder, tr("no file was produced"))
        for name in names:
            problem = file_checks.check_file(self.staged(name), self.expected.get(name))
            if problem:
                raise failure(self.final(name), problem)
        for name in names:
            flush(self.staged(name))
        return names

    def commit(self) -> List[str]:
        """Move every staged file to the output folder; returns the final paths, sorted.

        Files already there are kept (hard-linked into the staging folder) until all new files are in place, and
        put back if a move fails part-way."""
        names = self.verify()
        self.check_targets(names)
        kept: Dict[str, str] = {}
        placed: List[str] = []
        try:
            for name in names:
                target = self.final(name)
                if os.path.exists(target):
                    kept[target] = self.staged(f".kept-{len(kept)}")
                    try:
                        os.link(target, kept[target])
                    except OSError:  # no hard links here (FAT, some shares): the atomic replace still holds
                        del kept[target]
                replace(self.staged(name), target)
                placed.append(target)
            flush(self.folder)
        except BaseException:
            for target in placed:
                if target in kept:
                    os.replace(kept[target], target)
                else:
                    _remove(target)
            raise
        return [self.final(name) for name in names]

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


@contextlib.contextmanager
def atomic_file(path: str, features: Optional[int] = None) -> Iterator[str]:
    """Yields a temporary path for ``path`` (in a staging folder beside it); when the block ends without error the
    file is checked and replaces ``path``; on any error it is deleted and ``path`` is untouched."""
    target = check_target(path)
    name = os.path.basename(target)
    with StagingFolder(os.path.dirname(target)) as staging:
        if features is not None:
            staging.expect(name, features)
        yield staging.staged(name)
        staging.commit()


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
