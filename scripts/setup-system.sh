#!/usr/bin/env bash
# Install the Debian packages the plugin, its tests and its demo need; does nothing when all are present.
set -euo pipefail
packages=(
  qgis python3-qgis qgis-providers        # QGIS 3.22 LTR desktop, PyQGIS, data providers
  python3-shapely python3-jinja2 python3-openpyxl  # the plugin's own needs in the system Python (qgis, qgis_process)
  qpdf                                    # qpdf --check on the exported PDFs in the tests
  python3-venv python3-pip                # the development venv
  fonts-noto-cjk                          # "Noto Sans CJK SC" for Chinese labels and layouts
  xvfb xauth xdotool imagemagick          # a real desktop QGIS on a virtual screen, screenshots
  pyqt5-dev-tools qttools5-dev-tools      # pylupdate5, lrelease (make i18n)
  poppler-utils zip unzip                 # pdftotext/pdftoppm in tests, make package
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
