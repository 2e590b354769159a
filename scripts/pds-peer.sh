#!/usr/bin/env bash
# A real Bluesky PDS (+ PLC) for trying the crawler by hand, installed into the
# project's ignored .peers/ (the same cache tests/crawler/test_bluesky_pds.py uses).
#
#   scripts/pds-peer.sh start      # install on first use (~2-3 min), start on 127.0.0.1
#   scripts/pds-peer.sh seed [N]   # alice.test with N posts (default 300) + bob.test
#   scripts/pds-peer.sh stop
#   selfaudit crawl 'bsky:alice.test@http://127.0.0.1:2583' --fast --config pds.toml
#     (pds.toml: [bluesky] plc_url = "http://127.0.0.1:2582", appview_url = "")
# Ports: PDS_PORT [2583], PLC_PORT [2582]. FRESH=1 wipes the state on start.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="${SELFAUDIT_SHARED:-$REPO/../shared}/peers/bluesky-pds"
export PDS_DIR="$REPO/.peers/pds" STATE_DIR="$REPO/.peers/pds/state"
export PDS_PORT="${PDS_PORT:-2583}" PLC_PORT="${PLC_PORT:-2582}"
case "${1:-start}" in
  start|stop|status) exec bash "$PEER/start_pds.sh" "${1:-start}" ;;
  seed) exec python3 "$PEER/seed.py" --pds "http://127.0.0.1:$PDS_PORT" --plc "http://127.0.0.1:$PLC_PORT" \
          --posts "${2:-300}" --out "$REPO/.peers/pds/out" ;;
  *) echo "usage: $0 [start|seed [N]|stop|status]" >&2; exit 2 ;;
esac
