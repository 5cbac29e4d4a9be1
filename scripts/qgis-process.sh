#!/usr/bin/env bash
# qgis_process with the plugin from build/ enabled in a throw-away profile (Debian's qgis_process wrapper is broken,
# qgis_process.bin works). QGIS_PLUGINPATH alone does not enable a plugin: `plugins enable` does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
profile=$(mktemp -d -t pingcheng-qgis.XXXXXX)
trap 'rm -rf "$profile"' EXIT
export QGIS_PLUGINPATH="$root/build" QGIS_CUSTOM_CONFIG_PATH="$profile" QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="$profile"
qgis_process.bin plugins enable pingcheng_plugin >/dev/null
exec qgis_process.bin "$@"
