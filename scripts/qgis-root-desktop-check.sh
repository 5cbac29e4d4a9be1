#!/usr/bin/env bash
# usage: scripts/qgis-root-desktop-check.sh VERSION [PLUGIN.zip [OUT.json]]
#        [SCREENSHOT=docs/screenshots/qgisVERSION-desktop.png] [PLAN=out/pingcheng_demo.gpkg]
#
# The ZIP from `make package` in the real QGIS desktop of VERSION (3.40 or 3.44), under Xvfb inside that version's
# Debian root (scripts/qgis-root.sh): installed and enabled in a scratch profile, QGIS started, the plugin unloaded,
# loaded and started again, then unloaded; the JSON says what it added to the main window and what it left behind,
# plus any Python warning raised from the plugin's own files. With SCREENSHOT set, a second QGIS opens the plan PLAN
# (its stored project `pingcheng_plan`) in Chinese with the plugin enabled and saves the screen (with the plugin's
# menu open) there. Everything runs inside the root, which sees only the project folder.
set -u
project=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" != "--inside" ]; then
  qgis=${1:-}
  case "$qgis" in
    3.40|3.44) shift ;;
    *) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
  version=$(sed -n 's/^version=//p' "$project/metadata.txt")
  zip=$(readlink -f "${1:-$project/dist/pingcheng_plugin-$version.zip}")
  out=$(readlink -m "${2:-$project/out/qgis${qgis//./}-desktop-check.json}")
  shot=${SCREENSHOT:+$(readlink -m "$SCREENSHOT")}
  plan=$(readlink -m "${PLAN:-$project/out/pingcheng_demo.gpkg}")
  for f in "$zip" "$out" ${shot:+"$shot"} ${shot:+"$plan"}; do
    case "$f" in
      "$project"/*) ;;
      *) echo "$f: must be inside $project (the only host folder the root sees)"; exit 2 ;;
    esac
  done
  [ -f "$zip" ] || { echo "no $zip: run make -s package"; exit 2; }
  [ -z "$shot" ] || [ -f "$plan" ] || { echo "no $plan: run make demo"; exit 2; }
  mkdir -p "$(dirname "$out")" ${shot:+"$(dirname "$shot")"}
  rm -f "$out"
  "$project/scripts/qgis-root.sh" "$qgis" setup || exit 1
  "$project/scripts/qgis-root.sh" "$qgis" run /bin/bash "$project/scripts/qgis-root-desktop-check.sh" --inside \
    "$zip" "$out" "$shot" "$plan" "$qgis"
  status=$?
  [ -s "$out" ] && cat "$out"
  exit $status
fi

# --- inside the root -----------------------------------------------------------------------------------------------
zip=$2 out=$3 shot=$4 plan=$5 qgis=$6
work=$(mktemp -d -t qgis-desktop.XXXXXX)
xvfb=""
cleanup() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

profile() {  # profile() DIR LOCALE: a scratch profile with the plugin installed and enabled
  local plugins="$1/profiles/default/python/plugins"
  mkdir -p "$plugins" "$1/profiles/default/QGIS"
  unzip -q "$zip" -d "$plugins"
  name=$(find "$plugins" -mindepth 1 -maxdepth 1 -printf '%f\n' | head -1)
  cat > "$1/profiles/default/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
$name=true
[locale]
overrideFlag=true
userLocale=$2
[qgis]
checkVersion=false
showTips=false
[UI]
UI\\hidebrowser=true
INI
}

cat > "$work/unload_check.py" <<'PY'
"""Inside QGIS (qgis --code): unload, load and start, unload the plugin in $CHECK_PLUGIN; JSON to $CHECK_OUT; quit."""
import json
import os
import traceback
import warnings

import qgis.utils
from qgis.core import Qgis
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt, QTimer
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMenu, QToolBar

seen = []
_show = warnings.showwarning


def record(message, category, filename, lineno, file=None, line=None):
    if "/python/plugins/" in filename:
        seen.append(f"{category.__name__}: {message} ({filename.split('/python/plugins/')[1]}:{lineno})")
    _show(message, category, filename, lineno, file, line)


warnings.simplefilter("always")
warnings.showwarning = record


def snapshot(mw):
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()
    key = sip.unwrapinstance  # the C++ address: stable, unlike id() of a Python wrapper
    docks = {key(d): d.windowTitle() for d in mw.findChildren(QDockWidget)
             if mw.dockWidgetArea(d) != Qt.NoDockWidgetArea}
    actions = {key(a): a.text() + " @ " + ",".join(sorted({type(w).__name__ + ":" + (w.objectName() or w.windowTitle())
                                                           for w in a.associatedWidgets()}))
               for a in mw.findChildren(QAction) if a.associatedWidgets()}
    toolbars = {key(t): t.windowTitle() for t in mw.findChildren(QToolBar) if not t.isHidden()}
    menus = {key(m): m.title() for m in mw.menuBar().findChildren(QMenu) if m.menuAction().associatedWidgets()}
    return {"docks": docks, "actions": actions, "toolbars": toolbars, "menus": menus}


def diff(a, b):
    return {k: sorted(v for i, v in b[k].items() if i not in a[k]) for k in a}


def run():
    name = os.environ["CHECK_PLUGIN"]
    out = {"qgis": Qgis.QGIS_VERSION, "plugin": name}
    try:
        mw = qgis.utils.iface.mainWindow()
        out["loaded_at_start"] = name in qgis.utils.active_plugins
        if out["loaded_at_start"]:
            qgis.utils.unloadPlugin(name)
        base = snapshot(mw)
        out["load_ok"] = bool(qgis.utils.loadPlugin(name)) and bool(qgis.utils.startPlugin(name))
        added = snapshot(mw)
        out["added"] = diff(base, added)
        out["unload_ok"] = bool(qgis.utils.unloadPlugin(name))
        after = snapshot(mw)
        out["left_behind"] = diff(base, after)
    except Exception:  # report, never hang QGIS  # noqa: BLE001
        out["error"] = traceback.format_exc()
    out["plugin_warnings"] = seen
    with open(os.environ["CHECK_OUT"], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    qgis.utils.iface.actionExit().trigger()


QTimer.singleShot(4000, run)
PY

cat > "$work/screenshot.py" <<'PY'
"""Inside QGIS: wait for the plan to render, open the plugin's menu, save the whole screen to $SHOT_OUT, quit."""
import os

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtGui import QGuiApplication
from qgis.PyQt.QtWidgets import QMenu
from qgis.utils import iface


def shoot():
    iface.mapCanvas().waitWhileRendering()
    QGuiApplication.primaryScreen().grabWindow(0).save(os.environ["SHOT_OUT"])
    iface.actionExit().trigger()


def prepare():
    window = iface.mainWindow()  # no window manager under Xvfb: showMaximized() alone does nothing
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    window.showMaximized()
    QTimer.singleShot(5000, open_menu)


def open_menu():
    menu = iface.mainWindow().menuBar().findChild(QMenu, "PingchengMenu")
    if menu is not None:
        bar = iface.mainWindow().menuBar()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
    QTimer.singleShot(1500, shoot)


QTimer.singleShot(3000, prepare)
PY

display=:$((70 + RANDOM % 20))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 2
export DISPLAY=$display XDG_RUNTIME_DIR=$work QT_QPA_PLATFORM=xcb
chmod 700 "$work"

# 1. load / unload check (English UI)
profile "$work/check" en_US
CHECK_PLUGIN=$name CHECK_OUT=$out qgis --nologo --noversioncheck --profiles-path "$work/check" \
  --code "$work/unload_check.py" >"$work/check.log" 2>&1 &
qgis_pid=$!
for _ in $(seq 180); do kill -0 "$qgis_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$qgis_pid" 2>/dev/null; then
  # QGIS is stuck, typically behind a modal dialog (a plugin that fails to load shows one before the main window) and
  # with an empty log: keep a picture of the screen beside OUT before stopping it.
  import -window root "${out%.json}-stuck.png" 2>/dev/null && echo "QGIS $qgis stuck after 180 s: ${out%.json}-stuck.png"
  kill "$qgis_pid"
fi
wait "$qgis_pid" 2>/dev/null
if [ ! -s "$out" ]; then
  echo "no result from QGIS $qgis; log:"; tail -30 "$work/check.log"; exit 1
fi
grep -i "deprecat" "$work/check.log" | sed 's/^/qgis log: /' | sort -u | head -20

# 2. optional screenshot: the plan open, Chinese UI, the plugin's menu shown
if [ -n "$shot" ]; then
  profile "$work/shot" zh-Hans
  SHOT_OUT=$shot timeout 180 qgis --nologo --noversioncheck --profiles-path "$work/shot" \
    --project "geopackage:$plan?projectName=pingcheng_plan" --code "$work/screenshot.py" >"$work/shot.log" 2>&1
  [ -s "$shot" ] || { echo "no screenshot from QGIS $qgis; log:"; tail -30 "$work/shot.log"; exit 1; }
  echo "screenshot: $shot" >&2
fi
python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
clean = r.get("load_ok") and r.get("unload_ok") and not r.get("error") and not any(r["left_behind"].values())
sys.exit(0 if clean else 1)
PY
