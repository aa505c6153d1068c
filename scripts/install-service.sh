#!/usr/bin/env bash
# `make install-service`: runs the dashboard as a systemd service on an office server.
# Writes (as root):
#   /etc/cchc/cchc.env              the one settings file, created once and never overwritten:
#                                   CCHC_DB (the data folder is its folder, outside the code),
#                                   CCHC_PORT, CCHC_ADDRESS (127.0.0.1 behind a reverse proxy)
#   cchc.service                    scripts/serve.sh as user cchc, restarted on failure, its
#                                   output in the journal (journalctl -u cchc)
#   cchc-backup.service + .timer    the daily automatic backup while the service runs for months
# then enables and (re)starts them when systemd runs; otherwise says how to start by hand.
# Options: --code DIR (the project; default this checkout, or PREFIX/current for a release),
#   --config FILE, --data DIR (data folder of a new settings file, default /var/lib/cchc),
#   --unit-dir DIR (default /etc/systemd/system), --user NAME (default cchc), --no-start
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

code=$(cd "$(dirname "$0")/.." && pwd -P)
# In a release (PREFIX/releases/V) the service runs PREFIX/current, so upgrades and rollbacks
# only move the link.
parent=$(dirname "$code")
if [ "$(basename "$parent")" = releases ] && [ -L "$(dirname "$parent")/current" ]; then
  code=$(dirname "$parent")/current
fi
config=/etc/cchc/cchc.env
data=/var/lib/cchc
unit_dir=/etc/systemd/system
user=cchc
start=true
while [ $# -gt 0 ]; do
  case "$1" in
    --code) code=${2:?}; shift ;;
    --config) config=${2:?}; shift ;;
    --data) data=${2:?}; shift ;;
    --unit-dir) unit_dir=${2:?}; shift ;;
    --user) user=${2:?}; shift ;;
    --no-start) start=false ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install-service: không hiểu tùy chọn $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if ! mkdir -p "$unit_dir" "$(dirname "$config")" 2>/dev/null || [ ! -w "$unit_dir" ]; then
  echo "install-service: không ghi được vào $unit_dir; chạy bằng root: sudo make install-service" >&2
  exit 1
fi
if [ ! -x "$code/.venv/bin/streamlit" ]; then
  echo "install-service: chưa cài $code (thiếu .venv); chạy make run hoặc install.sh trước." >&2
  exit 1
fi
if [ ! -f "$config" ]; then
  mkdir -p "$(dirname "$config")"
  cat >"$config" <<CONF
# Cài đặt của bảng điều khiển CCHC, đọc bởi dịch vụ cchc.service và install.sh.
# Sửa xong: systemctl restart cchc
# Tệp cơ sở dữ liệu (bản sao lưu nằm ở thư mục backups/ bên cạnh, tệp gốc đã nạp ở archive/)
CCHC_DB=$data/cchc.duckdb
# Cổng và địa chỉ lắng nghe; 127.0.0.1 khi có reverse proxy (nginx, Caddy) đứng trước
CCHC_PORT=8501
CCHC_ADDRESS=127.0.0.1
# Chưa cấu hình đăng nhập ([auth] trong .streamlit/secrets.toml) thì chỉ mở được trên máy chủ;
# bỏ dấu # dòng dưới nếu mạng nội bộ tin cậy và mọi người qua mạng đều là quản trị.
# CCHC_OPEN_LAN=1
CONF
  echo "install-service: đã tạo tệp cài đặt $config"
fi
db=$(sed -n 's/^CCHC_DB=//p' "$config" | tail -n1)
[ -n "$db" ] || { echo "install-service: $config không có dòng CCHC_DB=…" >&2; exit 1; }
datadir=$(dirname "$db")
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --home-dir "$datadir" --no-create-home --shell /usr/sbin/nologin "$user"
fi
mkdir -p "$datadir"
chown -R "$user:" "$datadir"

mkdir -p "$unit_dir"
cat >"$unit_dir/cchc.service" <<UNIT
[Unit]
Description=Bảng điều khiển cải cách hành chính (CCHC)
After=network.target

[Service]
Type=simple
User=$user
EnvironmentFile=$config
# LibreOffice and Chromium (PDF and PNG exports) keep their profiles in HOME.
Environment=HOME=$datadir
Environment=STREAMLIT_SERVER_HEADLESS=true STREAMLIT_SERVER_FILE_WATCHER_TYPE=none
WorkingDirectory=$code
ExecStart=$code/scripts/serve.sh
Restart=on-failure
RestartSec=5
StandardOutput=journal
StandardError=journal
SyslogIdentifier=cchc
PrivateTmp=true
ProtectSystem=full
ReadWritePaths=$datadir

[Install]
WantedBy=multi-user.target
UNIT
cat >"$unit_dir/cchc-backup.service" <<UNIT
[Unit]
Description=Sao lưu tự động hằng ngày cơ sở dữ liệu CCHC

[Service]
Type=oneshot
User=$user
EnvironmentFile=$config
WorkingDirectory=$code
ExecStart=$code/.venv/bin/python -m etl backup --auto --keep 7
StandardOutput=journal
StandardError=journal
SyslogIdentifier=cchc-backup
UNIT
cat >"$unit_dir/cchc-backup.timer" <<UNIT
[Unit]
Description=Sao lưu tự động hằng ngày cơ sở dữ liệu CCHC

[Timer]
OnCalendar=daily
Persistent=true

[Install]
WantedBy=timers.target
UNIT
echo "install-service: đã ghi $unit_dir/cchc.service, cchc-backup.service, cchc-backup.timer"

if $start && [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
  systemctl daemon-reload
  systemctl enable --quiet cchc.service cchc-backup.timer
  systemctl restart cchc.service
  systemctl start cchc-backup.timer
  echo "install-service: dịch vụ cchc đang chạy (systemctl status cchc; nhật ký: journalctl -u cchc)"
else
  echo "install-service: systemd không chạy ở đây; khi có: systemctl daemon-reload && systemctl enable --now cchc.service cchc-backup.timer"
fi
