"""The one place where the GUI shows errors: core raises PingchengError, every slot the plugin connects is
wrapped here.

User errors go to a message bar at their own level, with QGIS's *Show more* when there is more: QGIS's own bar
for actions and panels (:func:`guarded`), the dialog's own bar for a dialog's widgets (:func:`in_dialog`), so the
message appears where the user is looking. Unexpected exceptions also go to the QGIS log with the traceback. A
slot never lets an exception escape into Qt, which would show QGIS's "Python error" instead.
``tests/test_code_layout.py`` checks that every ``connect`` in the GUI passes through one of these guards.
"""

from __future__ import annotations

import functools
import html
import traceback
from typing import Callable, Optional

from qgis.core import Qgis, QgsMessageLog
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QBoxLayout, QDialog, QDockWidget, QPushButton, QSizePolicy, QWidget

from ..core.support.errors import PingchengError
from ..core.support.i18n import tr

LOG_TAG = "Pingcheng"


def title() -> str:
    return tr("Pingcheng eco-restoration")


#: Longer than this, a message-bar text is cut on a 1366 px screen: its first sentence is shown, the whole text
#: goes behind QGIS's *Show more*.
BAR_CHARACTERS = 90


def headline(message: str) -> str:
    """The first sentence of ``message`` (Chinese or English), for the message bar's one line."""
    stops = [(message.find(stop), stop) for stop in ("。", "；", ". ", "; ")]
    found = [(index, stop) for index, stop in stops if 0 < index < len(message) - len(stop)]
    if found:
        index, stop = min(found)
        if index + len(stop) <= BAR_CHARACTERS:
            return message[:index + len(stop)].strip()
    if len(message) <= BAR_CHARACTERS:
        return message
    # one long sentence: up to the last comma or space that fits, and an ellipsis
    head = message[:BAR_CHARACTERS]
    cut = max(head.rfind(mark) for mark in ("，", "、", "：", ", ", " "))
    return (head[:cut] if cut > BAR_CHARACTERS // 2 else head).rstrip("，、：, ") + "…"


def push(iface, message: str, level=Qgis.MessageLevel.Info, details: Optional[str] = None,
         duration: int = 8) -> None:
    bar = iface.messageBar()
    duration = 0 if level == Qgis.MessageLevel.Critical else duration  # errors stay until dismissed
    if len(message) > BAR_CHARACTERS:
        short = headline(message)
        if short != message:
            details = message + ("\n\n" + details if details else "")
            message = short
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
    button.clicked.connect(guarded(iface)(lambda *_: QDesktopServices.openUrl(QUrl.fromLocalFile(folder))))
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


def guard(report: Callable[[BaseException], None]) -> Callable[[Callable], Callable]:
    """Decorator for slots: an exception goes to ``report`` instead of into Qt."""

    def decorate(slot: Callable) -> Callable:
        @functools.wraps(slot)
        def wrapper(*args, **kwargs):
            try:
                return slot(*args, **kwargs)
            except Exception as err:  # noqa: BLE001 - the GUI edge: every error is shown, none escapes
                try:
                    report(err)
                except Exception:  # noqa: BLE001 - the reporter itself failed (its widget gone): log only
                    error_message(err)
            return None

        return wrapper

    return decorate


def guarded(iface) -> Callable[[Callable], Callable]:
    """Guard for the slots of actions and panels: errors in QGIS's message bar."""
    return guard(lambda error: show_error(iface, error))


def _bar_host(widget: QWidget) -> QWidget:
    """The nearest dialog, or dock, around ``widget``: where its own message bar goes (a docked widget's
    ``window()`` is QGIS's main window, which must not get one)."""
    host = widget
    while host is not None:
        if isinstance(host, QDialog):
            return host
        if isinstance(host, QDockWidget) and host.widget() is not None:
            return host.widget()
        host = host.parentWidget()
    return widget


def dialog_bar(widget: QWidget) -> QgsMessageBar:
    """The message bar at the top of ``widget``'s dialog (or dock), made on first use."""
    host = _bar_host(widget)
    bar = host.findChild(QgsMessageBar, "pingchengDialogBar")
    if bar is None:
        bar = QgsMessageBar(host)
        bar.setObjectName("pingchengDialogBar")
        bar.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        layout = QWidget.layout(host)  # the method: a .ui may name its own layout "layout", shadowing it
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, bar)
        elif layout is not None:
            layout.addWidget(bar)
    return bar


def show_in_dialog(widget: QWidget, error: BaseException) -> None:
    level = error.level if isinstance(error, PingchengError) else Qgis.MessageLevel.Critical
    details = error.details if isinstance(error, PingchengError) else None
    message = html.escape(error_message(error))
    bar = dialog_bar(widget)
    if details:
        bar.pushMessage(title(), message, details, level=level, duration=0)
    else:
        bar.pushMessage(title(), message, level=level, duration=0)


def in_dialog(widget: QWidget) -> Callable[[Callable], Callable]:
    """Guard for the slots of a dialog's widgets: errors in the dialog's own message bar (and the log)."""
    return guard(lambda error: show_in_dialog(widget, error))


def guarded_method(method: Callable) -> Callable:
    """Guard for a method connected (and later disconnected) as a slot; ``self.report_error(error)`` shows it,
    or, for an object without one, the log."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        # guard() also logs when the reporter itself fails (its widget gone)
        return guard(getattr(self, "report_error", None) or _log_only)(method)(self, *args, **kwargs)

    return wrapper


def _log_only(error: BaseException) -> None:
    """For an object with nowhere to show a message: the log, with the traceback of an unexpected error."""
    error_message(error)
    QgsMessageLog.logMessage(getattr(error, "message", str(error)), LOG_TAG, Qgis.MessageLevel.Warning)
