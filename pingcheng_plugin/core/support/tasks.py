"""A QgsTask that runs one core call in a worker thread and reports back on the main thread.

The worker only calls the function and stores its result or error in Python attributes; ``finished()`` (main
thread) hands them to the callbacks. QGIS deletes a finished task, so callers read results from the callbacks,
never from the task afterwards.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from qgis.core import QgsTask

from .errors import CancelledError
from .i18n import tr


class CoreTask(QgsTask):
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

    def _progress(self, percent: float, *_message: str) -> bool:
        self.setProgress(percent)
        return not self.isCanceled()

    def run(self) -> bool:
        try:
            self.result_value = self._work(self._progress)
            return True
        except BaseException as err:  # noqa: BLE001 - reported on the main thread in finished()
            self.error = err
            return False

    def finished(self, result: bool) -> None:
        if result:
            self._on_done(self.result_value)
        else:
            self._on_error(self.error or CancelledError(tr("Cancelled: nothing was changed.")))
