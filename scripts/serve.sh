#!/usr/bin/env bash
# Starts the dashboard (`make run` and the systemd service both come here): the schema upgraded
# in place, the day's automatic backup, then Streamlit. Settings from the environment:
#   CCHC_DB       database file            (default data/cchc.duckdb)
#   CCHC_PORT     port                     (default 8501)
#   CCHC_ADDRESS  address to listen on     (default localhost; localhost only unless [auth]
#                                           is configured in .streamlit/secrets.toml)
# Nothing here reaches the network: no usage statistics, no external-address look-up.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCHC_DB=${CCHC_DB:-data/cchc.duckdb}
port=${CCHC_PORT:-8501}
address=${CCHC_ADDRESS:-localhost}
# Without a login provider ([auth] in .streamlit/secrets.toml) everyone is the administrator:
# the dashboard then listens on this machine only, whatever CCHC_ADDRESS asks.
if ! grep -qs '^[[:space:]]*\[auth' .streamlit/secrets.toml "${HOME:-/nonexistent}/.streamlit/secrets.toml"; then
  case "$address" in
    localhost | 127.0.0.1 | ::1) ;;
    *)
      echo "Chế độ một máy — không đăng nhập: chỉ mở trên máy này (localhost), không mở" \
        "$address. Muốn mở cho mạng nội bộ, cấu hình đăng nhập ([auth] trong" \
        ".streamlit/secrets.toml, xem deploy/secrets.example.toml)." >&2
      address=localhost
      ;;
  esac
fi
py=.venv/bin/python
"$py" -m etl init --db "$CCHC_DB"
# One automatic backup a day, the newest 7 kept; a failed backup never stops the dashboard.
if out=$("$py" -m etl backup --auto --keep 7 --db "$CCHC_DB" 2>&1); then
  echo "$out"
else
  echo "Cảnh báo: chưa sao lưu tự động được hôm nay: ${out##*$'\n'}" >&2
fi
exec .venv/bin/streamlit run app.py --server.port "$port" --server.address "$address" \
  --browser.gatherUsageStats false --browser.serverAddress "$address"
