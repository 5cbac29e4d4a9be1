"""SQL quoting for the few statements that cannot take parameters (DDL, triggers, GDAL's ExecuteSQL).
Everything else binds values as parameters."""

from __future__ import annotations


def sql_literal(value: object) -> str:
    """An SQL literal for ``value``: quotes doubled, so text can never end the string."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
