#!/usr/bin/env bash
# Run pytest with a throw-away HOME (a standalone QgsApplication writes its settings and profile under $HOME) and
# its own temporary folder, so parallel runs never clean up each other's files.
set -euo pipefail
py=${1:-.venv/bin/python}
shift || true
home=$(mktemp -d -t pingcheng-test-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_RUNTIME_DIR="$home" QT_QPA_PLATFORM=offscreen
exec "$py" -m pytest --basetemp "$home/pytest" "$@"
