"""Static check that every signal the GUI connects goes through one of ``ui/feedback.py``'s guards.

A slot connected as-is lets an exception escape into Qt, where QGIS shows it as a "Python error". Accepted slot
arguments:

* a call of a guard: ``guarded(iface)(fn)``, ``feedback.in_dialog(self)(fn)``, ``guard(report)(fn)``,
  ``self.guard(fn)`` (a guard kept by the object);
* a method decorated with ``@guarded_method`` (connected and later disconnected by identity);
* a local function decorated with a guard;
* a C++ slot of Qt itself (``accept``, ``reject``, ``close``, ``cancel``, ``setEnabled``, ``setText``), which
  cannot raise a Python exception (and, unlike a Python callable, runs on its widget's thread when the signal
  comes from a worker).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List, Set

GUARDS = {"guard", "guarded", "in_dialog"}
QT_SLOTS = {"accept", "reject", "close", "cancel", "setEnabled", "deleteLater", "setText"}


def _is_guard_call(node: ast.AST) -> bool:
    """``guarded(x)(fn)``, ``feedback.in_dialog(w)(fn)``, ``self.guard(fn)``, ``guard(fn)`` where guard is local."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    while isinstance(func, ast.Call):
        func = func.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in GUARDS


def _decorated(function: ast.AST) -> bool:
    for decorator in getattr(function, "decorator_list", ()):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        while isinstance(target, ast.Call):
            target = target.func
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in GUARDS or name == "guarded_method":
            return True
    return False


def unguarded_connects(path: Path) -> List[str]:
    """``file:line`` of each ``.connect(slot)`` whose slot is not guarded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded_names: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _decorated(node):
            guarded_names.add(node.name)
        if isinstance(node, ast.Assign) and _is_guard_call(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    guarded_names.add(target.id)
                elif isinstance(target, ast.Attribute):
                    guarded_names.add(target.attr)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"
                and len(node.args) == 1):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id in ("sqlite3", "gpkg", "query"):
            continue  # a database connection, not a signal
        slot = node.args[0]
        if _is_guard_call(slot):
            continue
        name = slot.attr if isinstance(slot, ast.Attribute) else slot.id if isinstance(slot, ast.Name) else None
        if name in guarded_names or name in QT_SLOTS:
            continue
        found.append(f"{path.name}:{node.lineno}")
    return found
