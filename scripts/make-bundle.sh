#!/usr/bin/env bash
# Builds dist/cchc-offline-<version>.tar.gz: everything an office server with no network needs.
#   cchc-offline-<version>/            the project: its git-tracked files as committed (HEAD)
#     wheels/                          every pinned Python dependency (dev extras too, so
#                                      `make test` works offline), built for this platform
#     debs/                            the Debian packages of scripts/ensure-system-deps.sh plus
#                                      python3-venv and make, with all their dependencies, as a
#                                      local apt repository (debs/Packages)
#     install.sh                       installs it all from the directory (scripts/offline-install.sh)
#     VERSION                          the version, from pyproject.toml
# Options:
#   --no-debs            leave the Debian packages out (the server already has them)
#   --runtime-only       wheels for the dashboard alone, without the dev extras (no `make test`)
#   --find-links DIR     take the wheels from DIR only, never from an index
#   --version V          name the bundle V instead of pyproject's version (to test upgrades)
#   --out DIR            where the .tar.gz goes (default dist/)
# Downloads go to private folders: the machine's own apt lists, cache and status are untouched.
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/dist
debs=true
extras="[dev]"
find_links=""
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-debs) debs=false ;;
    --runtime-only) extras="" ;;
    --find-links) find_links=$(cd "${2:?--find-links needs a folder}" && pwd); shift ;;
    --version) version=${2:?--version needs a value}; shift ;;
    --out) out=${2:?--out needs a folder}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "make-bundle: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

py=${PYTHON:-$root/.venv/bin/python}
[ -x "$py" ] || py=python3
cd "$root"
git rev-parse --verify -q HEAD >/dev/null ||
  { echo "make-bundle: needs a git checkout with a commit (the bundle holds HEAD's files)" >&2; exit 1; }
version=${version:-$("$py" -c \
  'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')}
name=cchc-offline-$version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/$name
mkdir -p "$stage/wheels" "$out"
started=$SECONDS

echo "[1/4] Project files (git-tracked, as committed: $(git rev-parse --short HEAD))…"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "      note: uncommitted changes are not in the bundle"
fi
git archive --format=tar HEAD | tar -xf - -C "$stage"
cp "$stage/scripts/offline-install.sh" "$stage/install.sh"
chmod 755 "$stage/install.sh"
echo "$version" >"$stage/VERSION"

echo "[2/4] Python wheels ($("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])'), ${extras:-runtime only})…"
# The pinned requirements of pyproject.toml, and setuptools to install the project itself.
"$py" - "$extras" >"$stage/wheels/requirements.txt" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))
reqs = list(project["project"]["dependencies"])
if sys.argv[1]:
    reqs += project["project"]["optional-dependencies"]["dev"]
reqs += project["build-system"]["requires"]
print("\n".join(reqs))
PY
source_opts=()
[ -n "$find_links" ] && source_opts=(--no-index --find-links "$find_links")
quiet_pip() { # pip, without this machine's notes about its configured file:// indexes
  "$py" -m pip "$@" --quiet --disable-pip-version-check 2> >(grep -v "is ignored: it is neither" >&2)
}
quiet_pip download --only-binary=:all: "${source_opts[@]}" -d "$stage/wheels" \
  -r "$stage/wheels/requirements.txt"
"$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' >"$stage/wheels/PYTHON"
echo "$extras" >"$stage/wheels/EXTRAS"
# The set must be complete: resolve it again from the folder alone, as install.sh will.
quiet_pip install --dry-run --ignore-installed --no-index --find-links "$stage/wheels" \
  -r "$stage/wheels/requirements.txt"

if $debs; then
  echo "[3/4] Debian packages with their dependencies (apt, private lists and cache)…"
  apt_dir=$work/apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache" "$stage/debs/partial"
  : >"$apt_dir/status" # nothing installed: every dependency is downloaded
  apt_opts=(-o "Dir::State::status=$apt_dir/status" -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache" -o "Dir::Cache::archives=$stage/debs"
    -o pkgCacheGen::Essential=none -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  mapfile -t wanted < <(bash scripts/ensure-system-deps.sh --packages)
  wanted+=(python3 python3-venv make)
  apt-get "${apt_opts[@]}" update -qq
  apt-get "${apt_opts[@]}" install -qq -y --download-only --no-install-recommends \
    "${wanted[@]}" >/dev/null
  rm -rf "$stage/debs/partial" "$stage/debs/lock"
  printf '%s\n' "${wanted[@]}" >"$stage/debs/WANTED"
  (. /etc/os-release && echo "$PRETTY_NAME $(dpkg --print-architecture)") >"$stage/debs/DEBIAN"
  # A flat repository index, made with dpkg-deb alone (dpkg-dev need not be installed).
  for deb in "$stage"/debs/*.deb; do
    dpkg-deb -f "$deb"
    echo "Filename: ./$(basename "$deb")"
    echo "Size: $(stat -c %s "$deb")"
    echo "SHA256: $(sha256sum "$deb" | cut -d' ' -f1)"
    echo
  done >"$stage/debs/Packages"
  echo "      $(ls "$stage"/debs/*.deb | wc -l) packages"
else
  echo "[3/4] Debian packages: left out (--no-debs)"
fi

echo "[4/4] Archive…"
tar -C "$work" -czf "$out/$name.tar.gz.part" "$name"
mv "$out/$name.tar.gz.part" "$out/$name.tar.gz"
echo "$out/$name.tar.gz: $(du -h "$out/$name.tar.gz" | cut -f1), $((SECONDS - started)) s"
