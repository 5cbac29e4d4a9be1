#!/usr/bin/env bash
# Run pytest with a throw-away HOME (a standalone QgsApplication writes its settings and profile under $HOME) and
# its own temporary folder, so parallel runs never clean up each other's files; one worker process per core
# (pytest-xdist; PYTEST_WORKERS=0 runs in this process, as a debugger wants). Each worker is its own QGIS
# application with its own settings per test (tests/conftest.py); the plugin ZIP is built once for all of them.
set -euo pipefail
py=${1:-.venv/bin/python}
shift || true
home=$(mktemp -d -t pingcheng-test-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_RUNTIME_DIR="$home" QT_QPA_PLATFORM=offscreen
status=0  # not exec: the trap removes the throw-away HOME once pytest has ended
"$py" -m pytest -n "${PYTEST_WORKERS:-auto}" --basetemp "$home/pytest" "$@" || status=$?
exit "$status"
