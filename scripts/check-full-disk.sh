#!/usr/bin/env bash
# Issue #13's full-disk cases on a real, tiny file system: exportfigures, exportsites and exportsummary through
# qgis_process into a 1-2 MB tmpfs must fail (non-zero exit) saying there is no space left, leave no temporary file
# or staging folder behind and leave the user's same-named file untouched. Needs root (mount); runs in a private
# mount namespace (unshare), so nothing stays mounted. The test suite covers the same cases without root by
# giving a folder a quota (tests/test_faults.py). `make check-full-disk` builds the plugin first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "check-full-disk: needs root to mount a tmpfs" >&2
  exit 1
fi
if [ -z "${PINGCHENG_FULL_DISK_NS:-}" ]; then
  exec unshare --mount --propagation private env PINGCHENG_FULL_DISK_NS=1 "$0" "$@"
fi
[ -d "$root/build/pingcheng_plugin" ] || { echo "check-full-disk: run make package first" >&2; exit 1; }

work=$(mktemp -d -t pingcheng-full-disk.XXXXXX)
disk="$work/disk"
trap 'umount "$disk" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$disk"
plan="$work/plan.gpkg"
qgis() { "$root/scripts/qgis-process.sh" run "$@"; }
qgis pingcheng:createplan -- OUTPUT="$plan" DEMO=true >/dev/null
failures=0
own_text="the user's own file, which must survive"

# mount a fresh tmpfs of $1 (1m, 2m), put the user's file $2 in it, and fill it to $3 KiB free (empty: no filler)
prepare() {
  umount "$disk" 2>/dev/null || true
  mount -t tmpfs -o "size=$1" tmpfs "$disk"
  printf '%s' "$own_text" >"$disk/$2"
  if [ -n "${3:-}" ]; then
    dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null || true
    [ "$3" -eq 0 ] || truncate -s "-${3}K" "$disk/filler"
  fi
}

# run qgis_process with the arguments after $1 (the user's file) and check everything the issue asks for
expect_no_space() {
  local own=$1 label=$2 output status=0
  shift 2
  output=$(qgis "$@" 2>&1) || status=$?
  local problems=()
  [ "$status" -ne 0 ] || problems+=("exit status 0")
  [ "$status" -lt 128 ] || problems+=("crashed (exit status $status)")
  grep -qE "No space left on the disk|磁盘空间不足" <<<"$output" || problems+=("no 'no space' message")
  [ "$(cat "$disk/$own")" = "$own_text" ] || problems+=("the user's $own was changed")
  local left
  left=$(cd "$disk" && find . -mindepth 1 ! -name filler ! -name "$own" | sort)
  [ -z "$left" ] || problems+=("left behind: $(tr '\n' ' ' <<<"$left")")
  if [ ${#problems[@]} -eq 0 ]; then
    echo "ok    $label"
  else
    echo "FAIL  $label: ${problems[*]}"
    sed 's/^/      | /' <<<"$output" | tail -n 8
    failures=$((failures + 1))
  fi
}

zones_pdf="02_生态修复分区图.pdf"
prepare 1m "$zones_pdf"
expect_no_space "$zones_pdf" "exportfigures pdf, 1 MB" \
  pingcheng:exportfigures -- PLAN="$plan" OUTPUT_FOLDER="$disk" FORMATS=pdf
prepare 2m "$zones_pdf"
expect_no_space "$zones_pdf" "exportfigures pdf+svg, 2 MB" \
  pingcheng:exportfigures -- PLAN="$plan" OUTPUT_FOLDER="$disk" FORMATS=pdf FORMATS=svg
prepare 1m "$zones_pdf"
expect_no_space "$zones_pdf" "exportfigures png, 1 MB" \
  pingcheng:exportfigures -- PLAN="$plan" OUTPUT_FOLDER="$disk" FORMATS=png DPI=150

# a little room is left (tmpfs counts whole 4 KiB pages), so files are cut off rather than never started; the
# 13 demo sites as TXT (3.5 KiB) would fit in one page
for format in geojson kml shp dxf csv gpkg txt; do
  free=4
  [ "$format" != txt ] || free=0
  prepare 1m "sites.$format" "$free"
  expect_no_space "sites.$format" "exportsites $format, $free KiB free" \
    pingcheng:exportsites -- PLAN="$plan" FORMAT="$format" OUTPUT="$disk/sites.$format"
done

for extension in xlsx csv html; do
  prepare 1m "汇总表.$extension" 4
  expect_no_space "汇总表.$extension" "exportsummary $extension, 4 KiB free" \
    pingcheng:exportsummary -- PLAN="$plan" OUTPUT="$disk/汇总表.$extension"
done

if [ "$failures" -ne 0 ]; then
  echo "check-full-disk: $failures case(s) failed"
  exit 1
fi
echo "check-full-disk: every case failed cleanly"
