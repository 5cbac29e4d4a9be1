#!/usr/bin/env bash
# usage: [QGIS_LOCALE=zh-Hans|en_US] [SCREEN=1366x768] desktop-run.sh PLUGIN.zip PROJECT_URI_OR_EMPTY SCRIPT.py [ARGS...]
# Start a real QGIS desktop on a virtual screen with the plugin installed and enabled in a scratch profile, open the
# project (a .qgz or geopackage:/abs/plan.gpkg?projectName=...), run SCRIPT.py inside QGIS (qgis --code; it can use
# qgis.utils.iface and qgis.utils.plugins, reads DESKTOP_ARGS, and must quit QGIS when done), then stop everything.
set -u
zip=$1; project=$2; script=$(readlink -f "$3"); shift 3
profile=$(mktemp -d -t pingcheng-desktop.XXXXXX)
plugins="$profile/profiles/default/python/plugins"
mkdir -p "$plugins" "$profile/profiles/default/QGIS"
unzip -q "$zip" -d "$plugins"
name=$(ls "$plugins" | head -1)
cat > "$profile/profiles/default/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
$name=true
[locale]
overrideFlag=true
userLocale=${QGIS_LOCALE:-zh-Hans}
[qgis]
checkVersion=false
showTips=false
[UI]
UI\hidebrowser=true
INI
display=:${DISPLAY_NUM:-$((90 + RANDOM % 9))}
Xvfb "$display" -screen 0 "${SCREEN:-1366x768}x24" >/dev/null 2>&1 &
xvfb=$!
sleep 2
export DESKTOP_ARGS="$*"
DISPLAY=$display XDG_RUNTIME_DIR=$profile QT_QPA_PLATFORM=xcb timeout 240 qgis --nologo --noversioncheck --profiles-path "$profile" \
  ${project:+--project "$project"} --code "$script" >"$profile/qgis.log" 2>&1
status=$?
kill "$xvfb" 2>/dev/null
[ $status -eq 0 ] || { echo "QGIS exited with $status; log:"; tail -30 "$profile/qgis.log"; }
rm -rf "$profile"
exit $status
