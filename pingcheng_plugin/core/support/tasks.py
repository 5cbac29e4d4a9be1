"""A QgsTask that runs one core call in a worker thread and reports back on the main thread.

The worker only calls the function and stores its result or error in Python attributes; ``finished()`` (main
thread) hands them to the callbacks. QGIS deletes a finished task, so callers read results from the callbacks,
never from the task afterwards.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from .errors import CancelledError
from .i18n import tr


class CoreTask(QgsTask):
    #: the step the work is at ("Drawing 生态修复分区图"), emitted from the worker thread when it changes
    stepChanged = pyqtSignal(str)

    def __init__(self, description: str, work: Callable[[Callable[..., bool]], Any],
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 can_cancel: bool = True):
        flags = QgsTask.CanCancel if can_cancel else QgsTask.Flags()
        super().__init__(description, flags)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self.result_value: Any = None
        self.error: Optional[BaseException] = None
        self._step = ""

    def _progress(self, percent: float, *message: str) -> bool:
        self.setProgress(percent)
        if message and message[0] and message[0] != self._step:
            self._step = message[0]
            self.stepChanged.emit(self._step)
        return not self.isCanceled()

    def run(self) -> bool:
        try:
            self.result_value = self._work(self._progress)
            return True
        except CancelledError as err:
            # A cancel the work honoured is not a failure: returning False would make QGIS announce "task failed"
            # over the plugin's own "cancelled" message.
            self.error = err
            return True
        except BaseException as err:  # noqa: BLE001 - reported on the main thread in finished()
            self.error = err
            return False

    def finished(self, result: bool) -> None:
        if result and self.error is None:
            self._on_done(self.result_value)
        else:  # failed, cancelled while running, or cancelled before it started (QGIS never ran it)
            self._on_error(self.error or CancelledError(tr("Cancelled: nothing was changed.")))
