"""What the plugin adds to QGIS's own site form while it runs: a line at the top that says in words why the form
cannot be saved (and what it warns about), zone shares as names and percentages, and the project code's
"generated when saved".

The form itself (widgets, constraints, default values) is QGIS's, stored in the plan, and works the same without
the plugin and in QField, where QGIS's per-field constraint marks remain. This only reads the form's constraints
(generated from the rule table) and never changes a value: the shares and the code are shown in widgets of their
own. Forms are found when the keyboard focus enters one (``QApplication.focusChanged``), which costs nothing while
nobody edits, unlike an application-wide event filter.
"""

from __future__ import annotations

import html
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    NULL,
    QgsApplication,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFieldConstraints,
    QgsVectorLayer,
)
from qgis.gui import QgsAttributeForm, QgsFilterLineEdit
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QEvent, QObject, Qt
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QLabel, QSizePolicy, QWidget

from ..core.sites import derive
from ..core.store import plan_layers, schema
from ..core.support import formatting
from ..core.support.i18n import tr, ui_language
from ..plan import vocabulary
from . import feedback

_DECORATED = "pingchengSiteForm"
HARD = QgsFieldConstraints.ConstraintStrengthHard


def _empty(value: object) -> bool:
    """NULL, blank, or QGIS's text for NULL (what a read-only text widget hands back for a NULL value)."""
    return value is None or value == NULL or (isinstance(value, str) and (
        not value.strip() or value == QgsApplication.nullRepresentation()))


def form_problems(layer: QgsVectorLayer, feature) -> Tuple[List[str], List[str]]:
    """(blocking, warnings): each broken constraint of ``feature`` as "field: rule", from the layer's own form
    constraints (uniqueness is left to QGIS's own mark: it needs the whole layer)."""
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    blocking: List[str] = []
    warnings: List[str] = []
    for index, field in enumerate(layer.fields()):
        constraints = field.constraints()
        name = field.displayName()
        value = feature.attribute(index) if index < len(feature.attributes()) else None
        found = []
        expression = constraints.constraintExpression()
        if expression and constraints.constraints() & QgsFieldConstraints.ConstraintExpression:
            context.setFields(layer.fields())
            result = QgsExpression(expression).evaluate(context)
            if not result or result == NULL:
                rule = constraints.constraintDescription()
                # "项目类型：项目类型须为…" says the field twice: a rule that names its field stands alone
                named = name.casefold() in rule.casefold()
                text = rule if named else tr("{field}: {rule}").format(field=name, rule=rule)
                found.append((constraints.constraintStrength(QgsFieldConstraints.ConstraintExpression), text))
        # the rule's own words say more than "empty": the generic line only where no rule spoke for the field
        if not found and constraints.constraints() & QgsFieldConstraints.ConstraintNotNull and _empty(value):
            found.append((constraints.constraintStrength(QgsFieldConstraints.ConstraintNotNull),
                          tr("{field} is empty").format(field=name)))
        for strength, text in found:
            (blocking if strength == HARD else warnings).append(text)
    return blocking, warnings


def shares_text(value: object) -> str:
    """'Z3:0.0698;Z4:0.2484' as '城区生态修复区 7.0%、…' (names in the UI language)."""
    parts = []
    for code, share in derive.parse_shares(value):
        entry = vocabulary.by_code("zone", code)
        parts.append(f"{entry.name(ui_language()) if entry else code} {formatting.share(share)}")
    return formatting.joined(parts)


class FormStatus(QObject):
    """The additions to one open site form."""

    def __init__(self, form: QgsAttributeForm):
        super().__init__(form)
        self.report_error = feedback.error_message  # a slot's error goes to the log: the form stays usable
        self.form = form
        self.layer = form.layer()
        self.label = QLabel(form)
        self.label.setWordWrap(True)
        # as wide as the form, never wider: a long reason wraps instead of widening the form
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.label.setObjectName("pingchengFormStatus")
        form.layout().insertWidget(0, self.label)
        # read-only fields shown in widgets of their own: the form's widgets keep (and save) the stored values
        self.shares = self._shown_instead("zone_shares", "pingchengZoneShares")
        self.code = self._shown_instead("project_code", "pingchengProjectCode")
        # a drop-down as wide as its longest entry (English type names run to 60 characters) would push the form
        # wider than its dialog: the lists shrink to the form and open as wide as they need
        for combo in form.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        form.widgetValueChanged.connect(self._changed)
        self.update()

    def _line_edit(self, field: str) -> Optional[QgsFilterLineEdit]:
        for widget in self.form.findChildren(QgsFilterLineEdit, field):
            return widget
        return None

    def _shown_instead(self, field: str, name: str) -> Optional[QLabel]:
        raw = self._line_edit(field)
        if raw is None or raw.parentWidget() is None or raw.parentWidget().layout() is None:
            return None
        label = QLabel(raw.parentWidget())
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        raw.parentWidget().layout().addWidget(label)
        raw.hide()
        return label

    @feedback.guarded_method
    def _changed(self, *_args) -> None:
        self.update()

    def update(self) -> None:
        feature = self.form.currentFormFeature()
        blocking, warnings = form_problems(self.layer, feature)
        lines = []
        if blocking:
            lines.append("<span style='color:#b00020'><b>{}</b>{}</span>".format(
                html.escape(tr("Cannot be saved: ")), html.escape(formatting.clauses(blocking))))
        if warnings:
            lines.append("<span style='color:#9a6700'><b>{}</b>{}</span>".format(
                html.escape(tr("Check: ")), html.escape(formatting.clauses(warnings))))
        self.label.setText("<br>".join(lines))
        self.label.setVisible(bool(lines))
        if self.shares is not None:
            self.shares.setText(shares_text(self._value(feature, "zone_shares")) or "–")
        if self.code is not None:
            code = self._value(feature, "project_code")
            # made by the database when the site is saved: say so rather than show NULL
            self.code.setText(tr("Generated when saved") if _empty(code) else str(code))

    def _value(self, feature, field: str) -> object:
        index = self.layer.fields().indexOf(field)
        return feature.attribute(index) if 0 <= index < len(feature.attributes()) else None


class SiteFormHelper(QObject):
    """Finds the site forms QGIS opens: feature dialogs as they appear on the windows QGIS parents them to (the
    main window, or the map canvas for the add-feature tool's dialog; an event filter on those widgets only, not on
    the whole application), and forms docked elsewhere when the cursor enters them.

    Dialogs QGIS makes itself reach Python typed as their Qt base class, so they are recognised by Qt's class name
    (``inherits``) and cast, never by ``isinstance``."""

    def __init__(self, watched: Sequence[QWidget] = (), parent=None):
        super().__init__(parent)
        self.statuses: List[FormStatus] = []
        self.watched = [widget for widget in watched if widget is not None]
        for widget in self.watched:
            widget.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()
            if child is not None and child.isWidgetType() and child.inherits("QgsAttributeDialog"):
                try:
                    form = _form_in(child)
                    if form is not None:
                        self.decorate(form)
                except Exception as err:  # noqa: BLE001 - a form must open whatever happens here
                    feedback.error_message(err)
        return False

    def unload(self) -> None:
        for widget in self.watched:
            try:
                widget.removeEventFilter(self)
            except RuntimeError:  # deleted with QGIS's window
                pass
        self.watched = []
        QApplication.instance().focusChanged.disconnect(self._focus_changed)
        for status in self.statuses:
            try:
                status.form.widgetValueChanged.disconnect(status._changed)
                status.label.deleteLater()
                status.deleteLater()
            except RuntimeError:  # the form is gone already
                pass
        self.statuses = []

    @feedback.guarded_method
    def _focus_changed(self, _old: Optional[QWidget], now: Optional[QWidget]) -> None:
        widget = now
        while widget is not None and not widget.inherits("QgsAttributeForm"):
            widget = widget.parentWidget()
        if widget is not None:
            self.decorate(sip.cast(widget, QgsAttributeForm))

    def decorate(self, form: QgsAttributeForm) -> Optional[FormStatus]:
        """Add the status line to ``form`` if it edits a plan's sites (once per form)."""
        if form.property(_DECORATED):
            return None
        located = plan_layers.layer_table(form.layer())
        if not located or located[1] != schema.SITES.table:
            return None
        form.setProperty(_DECORATED, True)
        status = FormStatus(form)
        self.statuses.append(status)
        # A form QGIS made is deleted by QGIS without Python knowing (its wrapper would dangle): forget it then.
        form.destroyed.connect(feedback.guard(feedback.error_message)(lambda *_: self._forget(status)))
        return status

    def _forget(self, status: FormStatus) -> None:
        self.statuses = [s for s in self.statuses if s is not status]


def _form_in(dialog: QWidget) -> Optional[QgsAttributeForm]:
    """The attribute form inside a feature dialog, whatever type Python sees either as (by Qt's class name)."""
    for widget in dialog.findChildren(QWidget):
        if widget.inherits("QgsAttributeForm"):
            return sip.cast(widget, QgsAttributeForm)
    return None
