"""How long work reports progress and learns of a cancel: one callback type and one helper for every job.

A job takes ``progress(percent, message="") -> bool``: it returns False once the user has cancelled (a QgsTask's
cancel button, Processing's cancel). :func:`report` passes the step on and turns a cancel into CancelledError, so
every job stops the same way and its caller rolls back.
"""

from __future__ import annotations

from typing import Callable, Optional

from .errors import CancelledError
from .i18n import tr

#: ``progress(percent 0-100, message) -> keep going``; None when nobody listens.
Progress = Optional[Callable[..., bool]]


def report(progress: Progress, percent: float, message: str = "", cancelled: Optional[str] = None) -> None:
    """Tell ``progress`` how far the work is; raise CancelledError when the user has cancelled, with
    ``cancelled`` (what the cancel left as it was) or "nothing was changed"."""
    if progress is not None and progress(percent, message) is False:
        raise CancelledError(cancelled or tr("Cancelled: nothing was changed."))
