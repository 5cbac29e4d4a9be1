"""The architecture the README promises: plan names in one module, no widgets in core, no logic in .ui files."""

from __future__ import annotations

import re

import pytest

from pingcheng_plugin.plan import vocabulary
from tests.helpers import ROOT

PACKAGE = ROOT / "pingcheng_plugin"


def _python(folder):
    return [p for p in (PACKAGE / folder).rglob("*.py")]


def test_ui_files_hold_layout_not_logic():
    for ui in PACKAGE.rglob("*.ui"):
        text = ui.read_text(encoding="utf-8")
        assert "<connections>" not in text, ui
        assert not re.search(r"<header>[^<]*\.h</header>", text), f"{ui}: custom widgets must use qgis.gui"


def test_core_has_no_widgets_and_plan_has_no_qgis():
    for path in _python("core"):
        text = path.read_text(encoding="utf-8")
        assert "qgis.gui" not in text and "QtWidgets" not in text and "iface" not in text, path
    for path in _python("plan"):
        text = path.read_text(encoding="utf-8")
        assert "import qgis" not in text and "from qgis" not in text and "PyQt" not in text, path


@pytest.mark.parametrize("kind", ["corridor", "barrier", "zone", "key_area", "project_type"])
def test_plan_names_live_only_in_the_vocabulary(kind):
    names = [e.name_zh for e in vocabulary.entries(kind)]
    for path in PACKAGE.rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert name not in text, f"{path.relative_to(ROOT)} repeats the plan name {name}"


def test_processing_algorithms_are_thin():
    """An algorithm maps parameters to core calls: no SQL, no layer editing in processing/."""
    for path in _python("processing"):
        text = path.read_text(encoding="utf-8")
        assert "startEditing" not in text and "sqlite3" not in text and "ExecuteSQL" not in text, path


# --- the repository is self-contained --------------------------------------------------------------------------

#: Folders beside a developer's clone that a user's clone does not have.
_OUTSIDE_NAMES = re.compile(r"(?<![\w/.-])(?:\.\./)*(?:shared|\.library)/[\w.-]+")
#: Absolute paths of this or any other machine's work folders.
_ABSOLUTE = re.compile(r"(?<![\w.$-])/(?:work|home|root|mnt|srv)/[\w.-]+")
#: A relative path that climbs out of its file's folder through dot-dot segments.
_CLIMB = re.compile(r"(?<![\w.])(\.\.(?:/\.\.)*)(?![\w.])")
_BUILT = {".git", ".venv", ".venv-shapely18", "build", "dist", "out", "__pycache__", ".pytest_cache", ".ruff_cache",
          "qgis340-root"}


def tracked_files(root=ROOT):
    """The files git tracks (the whole tree less built folders where git is not installed, as in a test root)."""
    import shutil
    import subprocess

    if shutil.which("git") and (root / ".git").exists():
        names = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True,
                               text=True).stdout.split("\0")
        return [root / n for n in names if n and (root / n).exists() or (root / n).is_symlink()]
    return [p for p in root.rglob("*") if (p.is_file() or p.is_symlink())
            and not _BUILT.intersection(p.relative_to(root).parts)]


def outside_references(path, root=ROOT):
    """Each way ``path`` refers to something outside ``root``: a link pointing out, a named sibling folder, an
    absolute work path, or a ``../`` that climbs above the root from the file's own folder."""
    found = []
    if path.is_symlink():
        target = (path.parent / path.readlink()).resolve()
        if root.resolve() not in target.parents:
            found.append(f"symlink to {target}")
        return found
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return found  # binary files (images, .qm, fonts) name no paths
    found += [m.group(0) for m in _OUTSIDE_NAMES.finditer(text)]
    found += [m.group(0) for m in _ABSOLUTE.finditer(text)]
    for match in _CLIMB.finditer(text):
        target = (path.parent / match.group(1)).resolve()
        if target != root.resolve() and root.resolve() not in target.parents:
            found.append(match.group(0))
    return found


def test_no_tracked_file_refers_outside_the_repository():
    offenders = {str(p.relative_to(ROOT)): refs for p in tracked_files() if (refs := outside_references(p))}
    assert offenders == {}


def test_the_outside_reference_check_finds_each_kind(tmp_path):
    (tmp_path / "sub").mkdir()
    # the bad paths are spelt in pieces so that this file itself passes the check above
    cases = {
        "a.py": 'TEXT = "..' '/sha' 'red/plan/draft.txt"\n',
        "b.md": "see `sha" "red/design.md` for details\n",
        "sub/c.sh": 'cd "$(dirname "$0")/.' './..' '" && ls\n',
        "d.txt": "cp /wo" "rk/main/out/x .\n",
        "sub/ok.ts": '<location filename="..' '/tmp/x.py"/>\nsee ..' '/b.md, from .. import x, 1..2, ...\n',
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "e.txt").symlink_to("/etc/hostname")
    found = {p.name: outside_references(p, tmp_path) for p in tracked_files(tmp_path)}
    assert found["a.py"] and found["b.md"] and found["c.sh"] and found["d.txt"] and found["e.txt"]
    assert found["ok.ts"] == []


# --- assertions that can fail ----------------------------------------------------------------------------------

def never_failing_asserts(source: str):
    """Lines of ``assert`` statements that cannot fail or do not check what they seem to: ``assert a == b if c
    else d`` (a conditional expression: the else branch is asserted as a bare value), ``assert (x, "why")`` (a
    non-empty tuple), ``assert <constant>``, ``assert x and <constant or module attribute>`` (such as
    ``os.linesep``, always true)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assert):
            continue
        test = node.test
        operands = test.values if isinstance(test, ast.BoolOp) else [test]
        always_true = any(isinstance(o, ast.Constant) or (isinstance(o, ast.Attribute)
                          and isinstance(o.value, ast.Name) and o.value.id in {"os", "sys"}) for o in operands)
        if isinstance(test, (ast.IfExp, ast.Tuple)) or always_true:
            found.append(node.lineno)
    return found


def test_no_test_asserts_something_that_cannot_fail():
    offenders = {}
    for path in (ROOT / "tests").rglob("*.py"):
        lines = never_failing_asserts(path.read_text(encoding="utf-8"))
        if lines:
            offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}


def test_the_assert_check_finds_each_pattern():
    source = "\n".join([
        "assert {1} == {2} if paper == 'A3' else {3}",
        "assert (x == 1, 'why')",
        "assert True",
        "assert len(x) == 6 and os.linesep",
        "assert x == 1 and y",
        "assert found, 'a list that must not be empty'",
    ])
    assert never_failing_asserts(source) == [1, 2, 3, 4]


# --- the architecture: import direction, module size, the store's seam ----------------------------------------

#: Modules may not grow past this (a module with one job reads in one sitting).
MAX_MODULE_LINES = 450


def core_order() -> list:
    """The core packages in the order the README's architecture lists them: each may use only those above it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("### Architecture"):]
    block = block[block.index("```") + 3:]
    block = block[:block.index("```")]
    return re.findall(r"^    (\w+)/", block, re.M)


def imports_of(path):
    """The absolute module names ``path`` imports (relative imports resolved against its package)."""
    import ast

    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    if path.name == "__init__.py":
        package = module[: -len(".__init__")]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] == "core":
        return f"core.{parts[2]}"
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_readme_lists_every_core_package():
    packages = sorted(p.name for p in (PACKAGE / "core").iterdir() if (p / "__init__.py").exists())
    assert sorted(core_order()) == packages


def test_imports_run_one_way():
    """ui → core → plan and processing → core; inside core, a package uses only the ones listed above it."""
    order = [f"core.{name}" for name in core_order()]
    allowed = {"ui": {"core", "plan", "ui"}, "processing": {"core", "plan", "processing"}, "plan": {"plan"}}
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        source = layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for target in imports_of(path):
            if not target.startswith("pingcheng_plugin.") or target.count(".") < 1:
                continue
            goal = layer_of(target)
            if source in allowed:
                ok = goal.split(".")[0] in allowed[source]
            elif source.startswith("core."):
                ok = goal == "plan" or goal == source or (goal in order and source in order
                                                          and order.index(goal) < order.index(source))
            else:
                ok = True  # the plugin's entry points (plugin.py, __init__.py) wire everything together
            if not ok:
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_modules_stay_small():
    big = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert big == {}


def test_only_the_store_opens_plans():
    """Callers ask the store; they do not open SQLite connections, the GeoPackage back end or layer URIs. Two
    modules use SQLite on files that are not plans: the import's spool (its work database in the temp folder) and
    the check that an exported GeoPackage is whole."""
    exempt = {PACKAGE / "core" / "exchange" / "spool.py", PACKAGE / "core" / "support" / "file_checks.py"}
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        if (PACKAGE / "core" / "store") in path.parents or path in exempt:
            continue
        names = imports_of(path)
        text = path.read_text(encoding="utf-8")
        if "sqlite3" in names or "pingcheng_plugin.core.store.gpkg" in names or "layername=" in text:
            wrong.append(str(path.relative_to(ROOT)))
    assert wrong == []
