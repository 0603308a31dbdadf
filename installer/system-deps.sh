#!/usr/bin/env bash
# The Debian packages `make run` and `make test` need beyond python3 and make: checked
# on every `make setup` (and by .ci/run), installed when missing if we are root; otherwise
# stop with the exact command to run.
#
#   installer/system-deps.sh                   check; install what is missing when root
#   installer/system-deps.sh --check           check only: exit 1 and print the command
#   installer/system-deps.sh --with-test-tools also xvfb and xdotool (testing as a person would)
set -euo pipefail

packages=(
  fonts-noto-cjk                                               # Chinese text
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3  # Qt 6
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-cursor0
  libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1    # Qt's X11 window plugin
  libzbar0                                                     # camera QR decoding (ZBar)
)
check_only=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    --with-test-tools) packages+=(xvfb xdotool) ;;
    *) echo "usage: $0 [--check] [--with-test-tools]" >&2; exit 2 ;;
  esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: no dpkg-query (not Debian/Ubuntu): install the equivalents of" \
       "${packages[*]} yourself" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  # "install ok installed": present; anything else (absent, removed, half-installed): missing.
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
# `python3 -m venv` (make setup) needs ensurepip, which Debian ships apart.
python3 -c "import ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get install -y ${missing[*]}"
if [ "$check_only" = 1 ] || [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "Install them, then run the command again:" >&2
  echo "    sudo $command_line"
  exit 1
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q "${missing[@]}"
