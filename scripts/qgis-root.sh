#!/usr/bin/env bash
# A newer QGIS in a Debian debootstrap root beside the host's QGIS 3.22, one root per version; see docs/qgis-versions.md.
#
#   scripts/qgis-root.sh VERSION setup            make or update the root (idempotent; a second run takes a second)
#   scripts/qgis-root.sh VERSION run CMD [ARGS]   run CMD inside the root, in the project (bound at its own path)
#   scripts/qgis-root.sh VERSION test [ARGS]      setup, then the whole test suite (pytest ARGS) in that QGIS
#   scripts/qgis-root.sh VERSION shell            an interactive shell inside the root
#   scripts/qgis-root.sh VERSION path             print where the root is
#
# VERSION is 3.40 (Debian 13 "trixie") or 3.44 (trixie with trixie-backports). The host only gains `debootstrap`
# package. Every command runs in a private mount namespace (unshare --mount --propagation private --fork --pid):
# /proc, /sys, /dev, a tmpfs /tmp and the bound project vanish when it ends. `env -i` keeps the host's environment
# (pip mirrors, proxies, HOME) out of the root. Roots live outside the clone, so every clone and CI run on this
# machine shares them; one is made again when its suite changes and updated when its package list changes.
# Environment: QGIS_ROOTS (folder of the roots, default /var/cache/pingcheng), QGIS340_ROOT / QGIS344_ROOT (one
# root's exact path), QGIS_ROOT_MIRROR (default Debian's own mirror).
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
version=${1:-}
shift || true

# version -> Debian suite, whether QGIS comes from the suite's backports, and the Debian release it is. QGIS 3.44
# is in trixie-backports (3.44.16 in December 2026), built against trixie's GDAL with LIBKML and Python 3.13, as a
# bureau running Debian 13 installs it; unstable (sid) carries 3.44.15 too, but its GDAL has no LIBKML driver and
# its Python (3.14) and shapely ("0+unknown") move every week. The installed QGIS is checked against VERSION after
# setup, so a suite that moves on to QGIS 4 fails loudly, not silently.
case "$version" in
  3.40) suite=trixie backports=no debian="Debian 13" ;;
  3.44) suite=trixie backports=yes debian="Debian 13 with trixie-backports" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
release=$suite                                        # the suite packages are preferred from
[ "$backports" = yes ] && release=$suite-backports
short=${version//./}                                  # 340, 344
override_var=QGIS${short}_ROOT
root=${!override_var:-${QGIS_ROOTS:-/var/cache/pingcheng}/qgis-$version-root}
mirror=${QGIS_ROOT_MIRROR:-http://deb.debian.org/debian}
state=/var/lib/pingcheng-qgis-root        # markers, inside the root
venv=/opt/venv                            # the test venv, inside the root (--system-site-packages)
inner_path=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Debian packages inside the root, on top of the ones scripts/setup-system.sh lists for the host (read from it
# below, so `make package`/`make system` inside the root find everything present and never call apt themselves).
own_packages=(
  ca-certificates                          # pip over https (with the host's extra CAs copied in)
  python3-qgis qgis-providers qgis         # PyQGIS, data providers, desktop and qgis_process.bin
  python3-shapely python3-jinja2 python3-openpyxl python3-venv python3-pip
  fonts-noto-cjk fonts-open-sans           # CJK labels; Open Sans, which QGIS >= 3.40 otherwise downloads at start
  pyqt5-dev-tools qttools5-dev-tools poppler-utils zip unzip make
  xvfb xauth                               # the desktop check (scripts/qgis-root-desktop-check.sh)
  e2fsprogs                                # chattr (the read-only plan test)
)

log() { printf '[qgis %s] %s\n' "$version" "$*" >&2; }

host_packages() {  # the package array of scripts/setup-system.sh, comments stripped
  sed -n '/^packages=(/,/^)/p' "$project/scripts/setup-system.sh" | sed -e 's/#.*//' -e 's/^packages=(//' -e 's/)$//' \
    | tr -s '[:space:]' '\n' | sed '/^$/d'
}

all_packages() { { printf '%s\n' "${own_packages[@]}"; host_packages; } | sort -u; }

pip_requirements() {  # pytest and its plugins, and GeoDiff (in no Debian), at the host venv's pins; the rest: Debian
  grep -E '^(pytest[-a-z]*|pygeodiff|execnet)==' "$project/requirements.txt"
}

fingerprint() { sha256sum | cut -c1-16; }

# enter [VAR=VALUE...] -- CMD [ARGS...]: run CMD inside the root, from the caller's directory when that is in the
# project, else from the project; root's HOME is a throw-away folder on the tmpfs /tmp. Only the project is bound in:
# nothing outside the clone is visible inside.
enter() {
  local extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do extra+=("$1"); shift; done
  shift
  local cwd=$project
  case "$PWD/" in "$project"/*) cwd=$PWD ;; esac
  if [ -e /etc/resolv.conf ]; then cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true; fi
  unshare --mount --propagation private --fork --pid -- /bin/bash -c "$inner" inner "$root" "$project" \
    "$cwd" "${extra[@]+"${extra[@]}"}" -- "$@"
}
# shellcheck disable=SC2016
inner='set -euo pipefail
root=$1 project=$2 cwd=$3; shift 3
extra=()
while [ "$1" != "--" ]; do extra+=("$1"); shift; done
shift
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
mkdir -p "$root$project" && mkdir -m 700 "$root/tmp/home"
mount --bind "$project" "$root$project"
exec chroot "$root" /usr/bin/env -i -C "$cwd" PATH="$INNER_PATH" HOME=/tmp/home LANG=C.UTF-8 LC_ALL=C.UTF-8 \
  QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/home TERM="${TERM:-dumb}" CI="${CI:-}" \
  PYTHONPYCACHEPREFIX=/tmp/home/pycache "${extra[@]+"${extra[@]}"}" "$@"'
export INNER_PATH=$inner_path

ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return
  log "installing debootstrap on the host (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null 2>&1 || {
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
  }
}

make_root() {  # debootstrap, unless a finished root of the same suite is there already
  [ -f "$root$state/debootstrap.$release" ] && return
  if [ -e "$root" ]; then
    # only ever delete what this script made: the default name, or a folder holding its markers
    case "$(basename "$root")" in
      qgis-*-root) ;;
      *) [ -d "$root$state" ] || [ -z "$(ls -A "$root")" ] || {
           log "$root exists but is no root of this script: remove it"; exit 1; } ;;
    esac
    log "removing $root (unfinished, or of another suite than $release)"
    rm -rf --one-file-system "$root"
  fi
  mkdir -p "$(dirname "$root")"
  ensure_debootstrap
  log "debootstrap --variant=minbase $suite from $mirror (about 20 s)"
  local t0=$SECONDS
  local dlog; dlog=$(mktemp -t qgis-root-debootstrap.XXXXXX)
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$dlog" 2>&1 || {
    tail -20 "$dlog" >&2; log "debootstrap failed (log: $dlog)"; exit 1; }
  rm -f "$dlog"
  {
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    echo "deb ${mirror%/debian}/debian-security $suite-security main"
    if [ "$backports" = yes ]; then echo "deb $mirror $suite-backports main"; fi
  } > "$root/etc/apt/sources.list"
  # no services start inside a chroot
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
  mkdir -p "$root$state" && touch "$root$state/debootstrap.$release"
  log "root made in $((SECONDS - t0)) s"
}

install_packages() {  # again whenever the package list changes (the fingerprint is the marker's name)
  local want; want=$(all_packages | fingerprint)
  [ -f "$root$state/apt.$want" ] && return
  log "apt-get install inside the root: $(all_packages | tr '\n' ' ')"
  local t0=$SECONDS
  # No translations. Release files are accepted past their Valid-Until date (signatures are still checked):
  # unstable's is valid for a week only, and mirrors, caches and snapshots often serve an older one.
  printf 'Acquire::Languages "none";\nAcquire::Check-Valid-Until "false";\n' \
    > "$root/etc/apt/apt.conf.d/90pingcheng"
  # shellcheck disable=SC2046
  enter DEBIAN_FRONTEND=noninteractive TARGET="$release" -- /bin/sh -c '{ dpkg --configure -a && apt-get update -q \
    && apt-get install -y -q --no-install-recommends -t "$TARGET" "$@"; } >/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }
    apt-get clean' sh $(all_packages)
  rm -f "$root$state"/apt.* && touch "$root$state/apt.$want"
  log "packages installed in $((SECONDS - t0)) s"
}

host_certificates() { find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' 2>/dev/null | sort; }

install_certificates() {  # the host's extra CAs (a TLS-inspecting egress) so pip inside reaches PyPI
  local dest="$root/usr/local/share/ca-certificates/host" changed=0 f
  mkdir -p "$dest"
  while read -r f; do
    [ -n "$f" ] || continue
    cmp -s "$f" "$dest/$(basename "$f")" || { cp "$f" "$dest/"; changed=1; }
  done < <(host_certificates)
  [ -f "$root$state/certs.done" ] && [ $changed -eq 0 ] && return
  enter -- update-ca-certificates >/dev/null
  touch "$root$state/certs.done"
}

install_venv() {
  local want; want=$(pip_requirements | fingerprint)
  [ -f "$root$state/venv.$want" ] && [ -x "$root$venv/bin/python" ] && return
  log "venv $venv (--system-site-packages) + pip install $(pip_requirements | tr '\n' ' ')"
  local t0=$SECONDS
  pip_requirements > "$root/tmp-requirements.txt"
  enter PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 -- /bin/sh -c "
    [ -x $venv/bin/python ] || python3 -m venv --system-site-packages $venv
    $venv/bin/python -m pip install -q -r /tmp-requirements.txt"
  rm -f "$root/tmp-requirements.txt" "$root$state"/venv.*
  touch "$root$state/venv.$want"
  log "venv ready in $((SECONDS - t0)) s"
}

up_to_date() {  # every marker present: nothing to do, so no need to wait for the lock
  local f
  [ -f "$root$state/debootstrap.$release" ] && [ -f "$root$state/apt.$(all_packages | fingerprint)" ] \
    && [ -f "$root$state/venv.$(pip_requirements | fingerprint)" ] && [ -x "$root$venv/bin/python" ] \
    && [ -f "$root$state/certs.done" ] || return 1
  while read -r f; do
    [ -z "$f" ] || cmp -s "$f" "$root/usr/local/share/ca-certificates/host/$(basename "$f")" || return 1
  done < <(host_certificates)
}

# One lock per root: setup changes it under an exclusive lock; test/run/shell hold a shared one, so another clone's
# setup never installs packages while tests run in the same root.
lock_root() {  # lock_root -x|-s
  exec 9>"/run/lock/pingcheng-qgis-root-$(printf '%s' "$root" | fingerprint).lock"
  flock "$1" 9
}

check_version() {  # the QGIS in the root must be VERSION (a suite may move on)
  local got
  got=$(enter -- python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null) || got=""
  case "$got" in
    "$version".*) log "QGIS $got ($debian, $suite) in $root" ;;
    *) log "expected QGIS $version.x in $root, found '${got:-nothing}': change the suite for $version in $0"
       exit 1 ;;
  esac
}

setup() {
  [ "$(id -u)" -eq 0 ] || { log "needs root (debootstrap, unshare --mount, chroot)"; exit 1; }
  local t0=$SECONDS
  if ! up_to_date; then
    lock_root -x
    make_root
    install_packages
    install_certificates
    install_venv
    flock -u 9
  fi
  check_version
  log "setup took $((SECONDS - t0)) s"
}

need_root() {
  [ -f "$root$state/debootstrap.$release" ] || { log "no root yet: run $0 $version setup"; exit 1; }
  lock_root -s
}

cmd=${1:-}
shift || true
case "$cmd" in
  setup) setup ;;
  path) echo "$root" ;;
  run) [ $# -gt 0 ] || { log "usage: $0 $version run CMD [ARGS...]"; exit 2; }; need_root; enter -- "$@" ;;
  shell) need_root; enter -- /bin/bash -i ;;
  test)
    setup
    need_root
    t0=$SECONDS
    status=0
    cd "$project"
    enter -- scripts/run-tests.sh "$venv/bin/python" "$@" || status=$?
    log "tests against QGIS $version took $((SECONDS - t0)) s (exit $status)"
    exit $status ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
