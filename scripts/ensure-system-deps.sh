#!/usr/bin/env bash
# Makes sure the Debian packages the app and its tests use are installed:
#   chromium + fonts-noto-core/fonts-open-sans  chart images (kaleido) and the browser tests,
#                                               with every Vietnamese glyph in one font;
#   fonts-liberation2                           the report's Times New Roman in its PDF;
#   libreoffice-{writer,impress}-nogui          PDF of the report and the deck;
#   poppler-utils                               PDF pages to PNG in the tests.
# As root it installs what is missing with apt. Otherwise it says how; with --optional it
# then carries on (the dashboard runs without them, the exports say what is missing), and a
# failed install (no route to the package server) is one warning line, never a stop.
# The checks use no pipes: `fc-list | grep -q` made fc-list die of SIGPIPE under pipefail, so
# every start read the fonts as missing and ran apt-get.
# --packages prints every package name, one a line (scripts/make-bundle.sh downloads them).
set -euo pipefail
PACKAGES=(chromium fonts-noto-core fonts-open-sans fonts-liberation2
  libreoffice-writer-nogui libreoffice-impress-nogui poppler-utils)
if [ "${1:-}" = "--packages" ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi
optional=false
[ "${1:-}" = "--optional" ] && optional=true
fonts=$(fc-list : file 2>/dev/null || true)
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[[ "$fonts" == *NotoSans-Regular* ]] || need+=(fonts-noto-core fonts-open-sans)
# Times New Roman's stand-in with every Vietnamese glyph (Liberation 1.x lacks ả, ế, ự…).
[[ "$fonts" == *liberation2/LiberationSerif* ]] || need+=(fonts-liberation2)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-impress-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
hint="sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} (apt)…"
  export DEBIAN_FRONTEND=noninteractive
  # With --optional an unreachable server costs seconds, not minutes of retries.
  quick=()
  $optional && quick=(-o Acquire::http::Timeout=10 -o Acquire::https::Timeout=10
    -o Acquire::Retries=0)
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if apt-get "${quick[@]}" update -qq >"$log" 2>&1 &&
    apt-get "${quick[@]}" install -y -qq --no-install-recommends "${need[@]}" >"$log" 2>&1
  then
    exit 0
  fi
  why=$(grep -m1 '^E:' "$log" || tail -n1 "$log" || true)
  echo "Could not install ${need[*]} (is the package server reachable? ${why:-apt failed})." \
    "Later: $hint" >&2
else
  echo "Missing Debian packages: ${need[*]}. Install them with: $hint" >&2
fi
$optional && exit 0
exit 1
