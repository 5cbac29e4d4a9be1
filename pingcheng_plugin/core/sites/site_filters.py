"""Filters of the site layer for one plan entry, as a provider subset (SQL) or a QGIS expression.

Codes come from the vocabulary and are checked against it; every value is quoted by the SQL or expression
quoting functions, never pasted. A filter the user had set is kept and combined with ours, and comes back when
ours is cleared.
"""

from __future__ import annotations

from typing import Iterable, Optional

from qgis.core import QgsExpression, QgsVectorLayer

from ...plan import vocabulary
from ..support.errors import InvalidInputError
from ..support.i18n import tr
from ..support.sql import sql_identifier, sql_literal
from .plan_stats import UNCLASSIFIED

_USER = "pingcheng/user_subset"
_OWN = "pingcheng/own_subset"
_FIELD = {"zone": "zone_code", "project_type": "project_type", "phase": "phase"}


def _check(kind: str, code: str) -> None:
    if code != UNCLASSIFIED and vocabulary.by_code(kind, code) is None:
        raise InvalidInputError(tr("“{code}” is not a {kind} of the plan.").format(code=code, kind=kind))


def _quoted(code: str) -> str:
    return '"' + code + '"'


def sql_for(kind: str, code: str, members: Iterable[int] = ()) -> str:
    """A subset string selecting the sites counted under (kind, code); ``members`` for spatial kinds."""
    _check(kind, code)
    if kind in _FIELD:
        column = sql_identifier(_FIELD[kind])
        if code == UNCLASSIFIED:
            known = ", ".join(sql_literal(c) for c in vocabulary.codes(kind))
            return f"{column} IS NULL OR {column} NOT IN ({known})"
        return f"{column} = {sql_literal(code)}"
    if kind == "key_area":  # key_areas holds '{"K3","K7"}'
        return f"{sql_identifier('key_areas')} LIKE {sql_literal('%' + _quoted(code) + '%')}"
    fids = sorted(int(f) for f in members if int(f) >= 0)
    return f"{sql_identifier('fid')} IN ({', '.join(map(str, fids))})" if fids else "0 = 1"


def expression_for(kind: str, code: str, members: Iterable[int] = ()) -> str:
    """The same selection as a QGIS expression (for the attribute table's filter)."""
    _check(kind, code)
    if kind in _FIELD:
        column = QgsExpression.quotedColumnRef(_FIELD[kind])
        if code == UNCLASSIFIED:
            known = ", ".join(QgsExpression.quotedValue(c) for c in vocabulary.codes(kind))
            return f"{column} IS NULL OR {column} NOT IN ({known})"
        return f"{column} = {QgsExpression.quotedValue(code)}"
    if kind == "key_area":
        pattern = QgsExpression.quotedValue("%" + _quoted(code) + "%")
        return f"{QgsExpression.quotedColumnRef('key_areas')} LIKE {pattern}"
    fids = sorted(int(f) for f in members)
    return f"$id IN ({', '.join(map(str, fids))})" if fids else "false"


def user_filter(layer: QgsVectorLayer) -> str:
    """The filter the user set, without ours. If the user changed the filter since we set ours, theirs wins."""
    if is_own_filter(layer):
        return layer.customProperty(_USER, "") or ""
    _forget(layer)
    return layer.subsetString()


def is_own_filter(layer: QgsVectorLayer) -> bool:
    return bool(layer.customProperty(_OWN)) and layer.subsetString() == layer.customProperty(_OWN)


def _forget(layer: QgsVectorLayer) -> None:
    layer.removeCustomProperty(_OWN)
    layer.removeCustomProperty(_USER)


def apply(layer: QgsVectorLayer, sql: str) -> str:
    """Filter ``layer`` to ``sql`` (within the user's own filter, if any). Returns the subset set."""
    if layer.isEditable():
        raise InvalidInputError(tr("Save or discard the edits of {layer} before filtering it.").format(
            layer=layer.name()))
    user = user_filter(layer)
    combined = f"({user}) AND ({sql})" if user else sql
    if not layer.setSubsetString(combined):
        raise InvalidInputError(tr("{layer} cannot be filtered with {filter}.").format(layer=layer.name(),
                                                                                       filter=combined))
    layer.setCustomProperty(_USER, user)
    layer.setCustomProperty(_OWN, combined)
    return combined


def clear(layer: QgsVectorLayer) -> Optional[str]:
    """Remove our filter, restoring the user's. Returns the subset left. A filter the user set after ours stays."""
    if not is_own_filter(layer):
        _forget(layer)
        return layer.subsetString()
    if layer.isEditable():
        raise InvalidInputError(tr("Save or discard the edits of {layer} before filtering it.").format(
            layer=layer.name()))
    user = layer.customProperty(_USER, "") or ""
    layer.setSubsetString(user)
    _forget(layer)
    return user
