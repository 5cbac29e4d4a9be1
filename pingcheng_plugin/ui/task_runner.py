"""Running a core call as a QgsTask from the GUI: a progress bar and a Cancel button in the message bar, the
result handed to a callback on the main thread, errors shown through feedback, and nothing delivered once the
plugin has unloaded."""

from __future__ import annotations

from typing import Any, Callable, List

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtWidgets import QLabel, QProgressBar, QPushButton

from ..core.support.i18n import tr
from ..core.support.tasks import CoreTask
from . import feedback


class TaskRunner:
    def __init__(self, iface):
        self.iface = iface
        self.tasks: List[CoreTask] = []

    def start(self, description: str, work: Callable[[Callable[..., bool]], Any],
              done: Callable[[Any], None]) -> CoreTask:
        """Run ``work(progress)`` in the background; ``done(result)`` runs on the main thread when it succeeds."""
        bar = self.iface.messageBar()
        widget = bar.createMessage(feedback.title(), description)
        step = QLabel(widget)  # what the work is doing now, e.g. which figure it draws
        widget.layout().addWidget(step)
        progress = QProgressBar(widget)
        progress.setRange(0, 100)
        progress.setMaximumWidth(240)
        cancel = QPushButton(tr("Cancel"), widget)
        widget.layout().addWidget(progress)
        widget.layout().addWidget(cancel)
        bar.pushWidget(widget, Qgis.MessageLevel.Info, 0)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            if task not in self.tasks:  # unloaded meanwhile: the plugin is gone, say nothing
                return
            self.tasks.remove(task)
            try:
                bar.popWidget(widget)
            except RuntimeError:  # the user closed the message already
                pass
            feedback.guarded(self.iface)(callback)(value)

        task = CoreTask(description, work, on_done=lambda result: finish(done, result),
                        on_error=lambda error: finish(lambda e: feedback.show_error(self.iface, e), error))
        # Qt's own slot, queued onto the main thread: the signal comes from the worker
        task.stepChanged.connect(step.setText)
        task.progressChanged.connect(feedback.guarded(self.iface)(lambda value: progress.setValue(int(value))))
        cancel.clicked.connect(task.cancel)
        self.tasks.append(task)
        QgsApplication.taskManager().addTask(task)
        return task

    def cancel_all(self) -> None:
        """On unload: stop what runs; results that still arrive are dropped."""
        for task in self.tasks:
            task.cancel()
        self.tasks = []
