"""The one place where the GUI shows errors: core raises PingchengError, each action's slot is wrapped here.

User errors go to the message bar at their own level, with QGIS's *Show more* when there is more; unexpected
exceptions go to the QGIS log with the traceback and a short message pointing there. A slot never lets an
exception escape into Qt (which would show a Python error dialog).
"""

from __future__ import annotations

import functools
import html
import traceback
from typing import Callable, Optional

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton

from ..core.support.errors import CancelledError, PingchengError
from ..core.support.i18n import tr

LOG_TAG = "Pingcheng"


def title() -> str:
    return tr("Pingcheng eco-restoration")


def push(iface, message: str, level=Qgis.MessageLevel.Info, details: Optional[str] = None,
         duration: int = 8) -> None:
    bar = iface.messageBar()
    duration = 0 if level == Qgis.MessageLevel.Critical else duration  # errors stay until dismissed
    message = html.escape(message)  # the bar renders HTML; messages carry site names and paths
    if details:
        bar.pushMessage(title(), message, details, level=level, duration=duration)  # QGIS's own "Show more"
    else:
        bar.pushMessage(title(), message, level=level, duration=duration)


def push_done(iface, message: str, folder: str) -> None:
    """A success message with an *Open folder* button for what was written there."""
    bar = iface.messageBar()
    widget = bar.createMessage(title(), html.escape(message))  # the item renders HTML; paths are user text
    button = QPushButton(tr("Open folder"), widget)
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
    widget.layout().addWidget(button)
    bar.pushWidget(widget, Qgis.MessageLevel.Success, 10)


def push_plan_notes(iface, check) -> None:
    """What opening a plan found and repaired (``core.plan_check.PlanCheck.notes``), as warnings that stay."""
    for note in check.notes:
        push(iface, note, Qgis.MessageLevel.Warning, duration=0)


def error_message(error: BaseException) -> str:
    """What the user reads about ``error``; an unexpected one also goes to the log with its traceback."""
    if isinstance(error, PingchengError):
        return error.message
    QgsMessageLog.logMessage("".join(traceback.format_exception(type(error), error, error.__traceback__)),
                             LOG_TAG, Qgis.MessageLevel.Critical)
    return tr("Unexpected error: {error}. The details are in the log panel ({tag}).").format(
        error=error, tag=LOG_TAG)


def show_error(iface, error: BaseException) -> None:
    if isinstance(error, PingchengError):
        push(iface, error.message, error.level, error.details)
    else:
        push(iface, error_message(error), Qgis.MessageLevel.Critical)


def guarded(iface) -> Callable:
    """Decorator for slots: shows any exception through :func:`show_error` instead of raising it into Qt."""

    def decorate(slot: Callable) -> Callable:
        @functools.wraps(slot)
        def wrapper(*args, **kwargs):
            try:
                return slot(*args, **kwargs)
            except CancelledError as err:
                push(iface, err.message, err.level)
            except Exception as err:  # noqa: BLE001 - the GUI edge: every error is shown, none escapes
                show_error(iface, err)
            return None

        return wrapper

    return decorate
