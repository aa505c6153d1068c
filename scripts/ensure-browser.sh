#!/usr/bin/env bash
# Makes sure /usr/bin/chromium and the Noto fonts (Vietnamese glyphs) are installed.
# As root it installs them with apt; otherwise it says how, and fails.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -q "NotoSans-Regular" || need+=(fonts-noto-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} (apt)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-open-sans >/dev/null
else
  echo "Browser tests need: ${need[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${need[*]} fonts-open-sans" >&2
  exit 1
fi
