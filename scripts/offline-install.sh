#!/usr/bin/env bash
# install.sh of an offline bundle (made by `make bundle`; this file is scripts/offline-install.sh).
# Installs or upgrades the dashboard from this folder alone, with no network:
#   1. the Debian packages in debs/ that the machine lacks (apt, this folder as its only source);
#   2. this version in PREFIX/releases/VERSION with its own .venv (pip --no-index, wheels/);
#   3. the settings file (created once, never overwritten): CCHC_DB, CCHC_PORT, CCHC_ADDRESS;
#   4. when the database exists: a backup (python -m etl backup --reason pre-upgrade), then the
#      schema migration (python -m etl init); the data folder lives outside the code and is kept;
#   5. PREFIX/current -> this version, PREFIX/previous -> the one it replaces;
#   6. the systemd service (scripts/install-service.sh), restarted on the new version.
# Usage: install.sh [options]        install or upgrade (as root)
#        install.sh --rollback       back to the previous version and the backup taken before
#                                    the upgrade (what was loaded since is kept in a backup too)
# Options: --prefix DIR (default /opt/cchc), --config FILE (default /etc/cchc/cchc.env),
#          --data DIR (data folder for a new settings file, default /var/lib/cchc),
#          --no-debs, --no-service, --demo (load the demo data into a new database),
#          --python PY (default python3)
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
say() { echo "cchc: $*"; }
fail() {
  echo "cchc: LỖI: $*" >&2
  exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
prefix=${CCHC_PREFIX:-/opt/cchc}
config=/etc/cchc/cchc.env
data=/var/lib/cchc
debs=true
service=true
demo=false
rollback=false
python=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix cần một thư mục}; shift ;;
    --config) config=${2:?--config cần một tệp}; shift ;;
    --data) data=${2:?--data cần một thư mục}; shift ;;
    --python) python=${2:?--python cần một chương trình}; shift ;;
    --no-debs) debs=false ;;
    --no-service) service=false ;;
    --demo) demo=true ;;
    --rollback) rollback=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "không hiểu tùy chọn $1" ;;
  esac
  shift
done
mkdir -p "$prefix/releases" 2>/dev/null && [ -w "$prefix/releases" ] ||
  fail "không ghi được vào $prefix (chạy bằng root: sudo ./install.sh, hoặc chọn --prefix)."
prefix=$(cd "$prefix" && pwd)

systemd_running() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null; }
service_active() { $service && systemd_running && systemctl is-active --quiet cchc.service; }

load_settings() {
  if [ ! -f "$config" ]; then
    mkdir -p "$(dirname "$config")"
    cat >"$config" <<EOF
# Cài đặt của bảng điều khiển CCHC, đọc bởi dịch vụ cchc.service và install.sh.
# Sửa xong: systemctl restart cchc
# Tệp cơ sở dữ liệu (bản sao lưu nằm ở thư mục backups/ bên cạnh, tệp gốc đã nạp ở archive/)
CCHC_DB=$data/cchc.duckdb
# Cổng và địa chỉ lắng nghe; 127.0.0.1 khi có reverse proxy (nginx, Caddy) đứng trước
CCHC_PORT=8501
CCHC_ADDRESS=127.0.0.1
EOF
    say "đã tạo tệp cài đặt $config"
  fi
  set -a
  # shellcheck disable=SC1090
  . "$config"
  set +a
  [[ "${CCHC_DB:-}" == /* ]] || fail "$config cần dòng CCHC_DB=… với đường dẫn tuyệt đối."
  db=$CCHC_DB
  datadir=$(dirname "$db")
  mkdir -p "$datadir"
}

# The user the service runs as owns the data folder (the etl commands here run as root).
give_data_to_service_user() {
  if id cchc >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    chown -R cchc:cchc "$datadir"
  fi
}

# python -m etl of a release, run from inside it: from anywhere else, python -m would import
# the etl/ of the current directory (the unpacked bundle's, say) instead of the release's.
etl() { # release args…
  local release=$1
  shift
  (cd "$release" && .venv/bin/python -m etl "$@")
}

backups_list() { ls -1 "$datadir/backups"/cchc-*.duckdb 2>/dev/null || true; }

# A backup with a release's own code; prints the new file's path.
take_backup() { # release reason
  local before after
  before=$(backups_list)
  etl "$1" backup --db "$db" --reason "$2" >&2 || return 1
  after=$(backups_list)
  comm -13 <(echo "$before") <(echo "$after") | tail -n1
}

switch_link() { # name target: atomic replacement of PREFIX/name
  ln -sfn "$2" "$prefix/.$1.new"
  mv -T "$prefix/.$1.new" "$prefix/$1"
}

start_service() {
  $service || return 0
  if systemd_running; then
    bash "$prefix/current/scripts/install-service.sh" --config "$config" --data "$datadir" \
      --code "$prefix/current"
  else
    say "systemd không chạy trên máy này: chạy thử bằng $prefix/current/scripts/serve.sh" \
      "(đọc cài đặt từ $config: set -a; . $config; set +a)"
  fi
}

if $rollback; then
  current=$(readlink -f "$prefix/current")
  previous=""
  [ -L "$prefix/previous" ] && previous=$(readlink -f "$prefix/previous")
  [ -n "$previous" ] && [ -d "$previous" ] && [ -L "$prefix/current" ] ||
    fail "không có phiên bản trước để quay lại ($prefix/previous chưa có: chưa nâng cấp lần nào, hoặc đã quay lại rồi)."
  load_settings
  backup=$(sed -n 's/^backup=//p' "$current/.upgrade" 2>/dev/null || true)
  active=false
  service_active && active=true
  $active && systemctl stop cchc.service
  if [ -n "$backup" ]; then
    [ -f "$backup" ] || fail "không thấy bản sao lưu trước nâng cấp $backup; chưa quay lại gì."
    # restore keeps the database as it is now in backups/ first: nothing is lost for good.
    etl "$current" restore "$backup" --db "$db" || {
      give_data_to_service_user
      if $active; then systemctl start cchc.service || true; fi
      fail "không khôi phục được $backup; chưa quay lại gì (phiên bản $(basename "$current") vẫn dùng)."
    }
  fi
  switch_link current "releases/$(basename "$previous")"
  rm -f "$prefix/previous"
  give_data_to_service_user
  $active && systemctl restart cchc.service
  say "đã quay lại phiên bản $(basename "$previous")${backup:+ với dữ liệu của bản sao lưu $(basename "$backup")}."
  exit 0
fi

[ -f "$here/VERSION" ] || fail "chạy install.sh từ thư mục đã giải nén của gói cài đặt (thiếu tệp VERSION)."
version=$(cat "$here/VERSION")
release=$prefix/releases/$version

# 1. Debian packages: apt with this folder as its only source, its own lists and cache, so
# the machine's sources and lists are left as they were; what is installed already is kept.
if $debs && [ -f "$here/debs/Packages" ]; then
  [ "$(id -u)" -eq 0 ] || fail "cài gói Debian cần quyền root (sudo ./install.sh), hoặc dùng --no-debs."
  say "cài các gói Debian còn thiếu từ debs/…"
  apt_dir=$(mktemp -d)
  trap 'rm -rf "$apt_dir"' EXIT
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/parts"
  echo "deb [trusted=yes] file:$here/debs ./" >"$apt_dir/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/parts"
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
    -o APT::Sandbox::User=root)
  export DEBIAN_FRONTEND=noninteractive
  apt-get "${apt_opts[@]}" update -qq ||
    fail "apt không đọc được debs/ của gói cài đặt."
  mapfile -t wanted <"$here/debs/WANTED"
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${wanted[@]}" \
    >"$apt_dir/log" 2>&1 || {
    tail -n 20 "$apt_dir/log" >&2
    fail "không cài được các gói Debian từ debs/ (gói này làm cho Debian $(cat "$here/debs/DEBIAN" 2>/dev/null || echo 12); máy này: $(. /etc/os-release && echo "$PRETTY_NAME"))."
  }
fi

# 2. The release with its own virtual environment, from wheels/ alone.
want_py=$(cat "$here/wheels/PYTHON")
have_py=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) ||
  fail "không chạy được $python (cần Python $want_py; gói python3 có trong debs/)."
[ "$have_py" = "$want_py" ] ||
  fail "gói cài đặt này dành cho Python $want_py, máy này có $have_py ($python); dùng --python hoặc làm gói trên máy giống máy chủ."
if [ -f "$release/.complete" ]; then
  say "phiên bản $version đã có ở $release; dùng lại."
else
  rm -rf "$release"
  mkdir -p "$release"
  say "cài phiên bản $version vào $release…"
  tar -C "$here" --exclude=./debs --exclude=./.venv --exclude='./data/*.duckdb*' \
    --exclude=./data/archive --exclude=./data/backups -cf - . | tar -C "$release" -xf -
  "$python" -m venv "$release/.venv" ||
    fail "không tạo được môi trường Python (thiếu gói python3-venv? nó có trong debs/)."
  extras=$(cat "$release/wheels/EXTRAS")
  "$release/.venv/bin/pip" install --quiet --disable-pip-version-check --no-index \
    --find-links "$release/wheels" -e "$release$extras" ||
    fail "không cài được các gói Python từ wheels/; phiên bản đang dùng không đổi."
  # Compiled now: the service's user cannot write __pycache__ in the release.
  "$release/.venv/bin/python" -m compileall -q "$release/app.py" "$release/cchc" \
    "$release/etl" "$release/pages" >/dev/null || true
  touch "$release/.venv/.installed" # `make run` sees it installed: no pip, no network
  touch "$release/.complete"
fi

# 3-4. Settings, then backup and migration of an existing database (the service stopped so
# nothing writes meanwhile and the old code never sees the new schema).
load_settings
old=""
[ -L "$prefix/current" ] && old=$(readlink -f "$prefix/current")
[ "$old" = "$(readlink -f "$release")" ] && old=""
active=false
service_active && active=true
$active && systemctl stop cchc.service
restart_old() { # the files root wrote meanwhile go back to the service's user first
  give_data_to_service_user
  if $active; then systemctl start cchc.service || true; fi
}
backup=""
if [ -f "$db" ]; then
  say "sao lưu cơ sở dữ liệu trước khi nâng cấp…"
  backup=$(take_backup "$release" pre-upgrade) && [ -n "$backup" ] || {
    restart_old
    fail "không sao lưu được $db; chưa nâng cấp gì."
  }
  etl "$release" init --db "$db" || {
    etl "$release" restore "$backup" --db "$db" || true
    restart_old
    fail "không nâng cấp được cấu trúc cơ sở dữ liệu; đã đặt lại bản sao lưu $backup, phiên bản đang dùng không đổi."
  }
elif $demo; then
  etl "$release" demo --db "$db" >/dev/null ||
    fail "không tạo được cơ sở dữ liệu mẫu $db."
else
  etl "$release" init --db "$db" || fail "không tạo được cơ sở dữ liệu $db."
fi
printf 'from=%s\nbackup=%s\n' "${old:+$(basename "$old")}" "$backup" >"$release/.upgrade"

# 5. Switch.
[ -n "$old" ] && switch_link previous "releases/$(basename "$old")"
switch_link current "releases/$version"
give_data_to_service_user
say "phiên bản $version đang dùng ($prefix/current); dữ liệu: $datadir${old:+; trước đó: $(basename "$old"), quay lại bằng: $prefix/current/install.sh --rollback}."

# 6. Service (written again and restarted on the new version).
start_service
