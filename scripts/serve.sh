#!/usr/bin/env bash
# Starts the dashboard (`make run` and the systemd service both come here): the schema upgraded
# in place, the day's automatic backup, then Streamlit. Settings from the environment:
#   CCHC_DB       database file            (default data/cchc.duckdb)
#   CCHC_PORT     port                     (default 8501)
#   CCHC_ADDRESS  address to listen on     (default localhost)
# Nothing here reaches the network: no usage statistics, no external-address look-up.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCHC_DB=${CCHC_DB:-data/cchc.duckdb}
port=${CCHC_PORT:-8501}
address=${CCHC_ADDRESS:-localhost}
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
