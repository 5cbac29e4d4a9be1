#!/usr/bin/env bash
# qgis_process with the plugin from build/ enabled in a throw-away profile (Debian's qgis_process wrapper is broken,
# qgis_process.bin works). QGIS_PLUGINPATH alone does not enable a plugin: `plugins enable` does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Profiles of runs that were killed (SIGKILL skips every trap) are removed by a later run, a day on.
find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'pingcheng-qgis.*' -type d -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
profile=$(mktemp -d -t pingcheng-qgis.XXXXXX)
trap 'rm -rf "$profile"' EXIT
trap 'exit 130' INT  # an interrupted run still removes its profile
trap 'exit 143' TERM
export QGIS_PLUGINPATH="$root/build" QGIS_CUSTOM_CONFIG_PATH="$profile" QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="$profile"
# QGIS 3.22's own Python start-up calls sip.setapi(), which warns on every run; the plugin never calls it.
export PYTHONWARNINGS="${PYTHONWARNINGS:+$PYTHONWARNINGS,}ignore:setapi() is deprecated:DeprecationWarning"
qgis_process.bin plugins enable pingcheng_plugin >/dev/null
# Not `exec`: the EXIT trap above must run when qgis_process ends, or every run leaves its profile behind.
status=0
qgis_process.bin "$@" || status=$?
exit "$status"
