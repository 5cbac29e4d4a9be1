#!/usr/bin/env bash
# QGIS 3.40 LTR (Debian 13 "trixie") in a debootstrap root beside the host's QGIS 3.22; see docs/qgis340.md.
#
#   scripts/qgis340.sh setup            make or update the root (idempotent; a second run takes about a second)
#   scripts/qgis340.sh run CMD [ARGS]   run CMD inside the root, in the project (bound at its own path)
#   scripts/qgis340.sh test [ARGS]      setup, then the whole test suite (pytest ARGS) against QGIS 3.40
#   scripts/qgis340.sh shell            an interactive shell inside the root
#
# The host only gains the `debootstrap` package. Every command runs in a private mount namespace
# (unshare --mount --propagation private --fork --pid): /proc, /sys, /dev, a tmpfs /tmp and the bound project
# vanish when it ends. `env -i` keeps the host's environment (pip mirrors, proxies, HOME) out of the root.
# Environment: QGIS340_ROOT (default <project>/qgis340-root), QGIS340_MIRROR (default Debian's own mirror).
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
root=${QGIS340_ROOT:-$project/qgis340-root}
mirror=${QGIS340_MIRROR:-http://deb.debian.org/debian}
suite=trixie
state=/var/lib/pingcheng-qgis340          # markers, inside the root
venv=/opt/venv                            # the test venv, inside the root (--system-site-packages)
inner_path=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Debian packages inside the root, on top of the ones scripts/setup-system.sh lists for the host (read from it
# below, so `make package`/`make system` inside the root find everything present and never call apt themselves).
own_packages=(
  ca-certificates                          # pip over https (with the host's extra CAs copied in)
  python3-qgis qgis-providers qgis         # QGIS 3.40 LTR: PyQGIS, data providers, desktop and qgis_process.bin
  python3-shapely python3-jinja2 python3-openpyxl python3-venv python3-pip
  fonts-noto-cjk fonts-open-sans           # CJK labels; Open Sans, which QGIS 3.40 otherwise tries to download at start
  pyqt5-dev-tools qttools5-dev-tools poppler-utils zip unzip make
  xvfb xauth                               # the desktop check (scripts/qgis340-desktop-check.sh)
  e2fsprogs                                # chattr (the read-only plan test)
)

log() { printf '[qgis340] %s\n' "$*" >&2; }

host_packages() {  # the package array of scripts/setup-system.sh, comments stripped
  sed -n '/^packages=(/,/^)/p' "$project/scripts/setup-system.sh" | sed -e 's/#.*//' -e 's/^packages=(//' -e 's/)$//' \
    | tr -s '[:space:]' '\n' | sed '/^$/d'
}

all_packages() { { printf '%s\n' "${own_packages[@]}"; host_packages; } | sort -u; }

pip_requirements() {  # the test tools at the same pins as the host's venv; the rest comes from Debian
  grep -E '^(pytest|pytest-qgis|pytest-timeout)==' "$project/requirements.txt"
}

fingerprint() { sha256sum | cut -c1-16; }

# enter [VAR=VALUE...] -- CMD [ARGS...]: run CMD inside the root, from the caller's directory when that is in the
# project, else from the project; root's HOME is a throw-away folder on the tmpfs /tmp.
enter() {
  local extra=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do extra+=("$1"); shift; done
  shift
  local cwd=$project
  case "$PWD/" in "$project"/*) cwd=$PWD ;; esac
  local shared=""
  [ -d "$project/../shared" ] && shared=$(cd "$project/../shared" && pwd)
  if [ -e /etc/resolv.conf ]; then cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true; fi
  unshare --mount --propagation private --fork --pid -- /bin/bash -c "$inner" inner "$root" "$project" "$shared" \
    "$cwd" "${extra[@]+"${extra[@]}"}" -- "$@"
}
# shellcheck disable=SC2016
inner='set -euo pipefail
root=$1 project=$2 shared=$3 cwd=$4; shift 4
extra=()
while [ "$1" != "--" ]; do extra+=("$1"); shift; done
shift
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
mkdir -p "$root$project" && mkdir -m 700 "$root/tmp/home"
mount --bind "$project" "$root$project"
if [ -n "$shared" ]; then
  mkdir -p "$root$shared"
  mount --bind "$shared" "$root$shared"
  mount -o remount,bind,ro "$root$shared" 2>/dev/null || true
fi
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

make_root() {
  [ -f "$root$state/debootstrap.done" ] && return
  if [ -e "$root" ]; then
    case "$(basename "$root")" in *qgis340*) ;; *) log "$root exists but is no finished root: remove it"; exit 1 ;; esac
    log "removing an unfinished root $root"
    rm -rf --one-file-system "$root"
  fi
  ensure_debootstrap
  log "debootstrap --variant=minbase $suite from $mirror (about 20 s)"
  local t0=$SECONDS
  local dlog; dlog=$(mktemp -t qgis340-debootstrap.XXXXXX)
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$dlog" 2>&1 || {
    tail -20 "$dlog" >&2; log "debootstrap failed (log: $dlog)"; exit 1; }
  rm -f "$dlog"
  local security=${mirror%/debian}/debian-security
  cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
  # no services start inside a chroot; no translations or docs needed
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
  printf 'Acquire::Languages "none";\n' > "$root/etc/apt/apt.conf.d/90pingcheng"
  mkdir -p "$root$state" && touch "$root$state/debootstrap.done"
  log "root made in $((SECONDS - t0)) s"
}

install_packages() {
  local want; want=$(all_packages | fingerprint)
  [ -f "$root$state/apt.$want" ] && return
  log "apt-get install inside the root: $(all_packages | tr '\n' ' ')"
  local t0=$SECONDS
  # shellcheck disable=SC2046
  enter DEBIAN_FRONTEND=noninteractive -- /bin/sh -c 'dpkg --configure -a && apt-get update -q >/dev/null \
    && apt-get install -y -q --no-install-recommends "$@" >/tmp/apt.log 2>&1 || { tail -30 /tmp/apt.log; exit 1; }
    apt-get clean' sh $(all_packages)
  rm -f "$root$state"/apt.* && touch "$root$state/apt.$want"
  log "packages installed in $((SECONDS - t0)) s"
}

install_certificates() {  # the host's extra CAs (a TLS-inspecting egress) so pip inside reaches PyPI
  local dest="$root/usr/local/share/ca-certificates/host" changed=0 f
  mkdir -p "$dest"
  for f in /usr/local/share/ca-certificates/*.crt; do
    [ -e "$f" ] || continue
    cmp -s "$f" "$dest/$(basename "$f")" || { cp "$f" "$dest/"; changed=1; }
  done
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

setup() {
  [ "$(id -u)" -eq 0 ] || { log "needs root (debootstrap, unshare --mount, chroot)"; exit 1; }
  local lock
  lock="/run/lock/pingcheng-qgis340-$(printf '%s' "$root" | fingerprint).lock"
  exec 9>"$lock"
  flock 9
  local t0=$SECONDS
  make_root
  install_packages
  install_certificates
  install_venv
  flock -u 9
  log "QGIS $(enter -- python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null) in $root" \
    "(setup $((SECONDS - t0)) s)"
}

need_root() { [ -f "$root$state/debootstrap.done" ] || { log "no root yet: run $0 setup"; exit 1; }; }

cmd=${1:-}
shift || true
case "$cmd" in
  setup) setup ;;
  run) need_root; [ $# -gt 0 ] || { log "usage: $0 run CMD [ARGS...]"; exit 2; }; enter -- "$@" ;;
  shell) need_root; enter -- /bin/bash -i ;;
  test)
    setup
    t0=$SECONDS
    status=0
    cd "$project"
    enter -- scripts/run-tests.sh "$venv/bin/python" "$@" || status=$?
    log "tests against QGIS 3.40 took $((SECONDS - t0)) s (exit $status)"
    exit $status ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
