#!/usr/bin/env bash
# Make sure a Chromium for Playwright exists (and CJK and emoji fonts for the PDF report).
# Debian's chromium via apt-get when running as root; otherwise Playwright's own download.
set -euo pipefail
PY="${1:-.venv/bin/python}"
have_fonts() { fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk' && fc-list 2>/dev/null | grep -qi 'emoji' ; }
if [[ -x /usr/bin/chromium || -x /usr/lib/chromium/chromium ]] && have_fonts; then
  exit 0
fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  echo "installing Debian chromium, fonts-wqy-zenhei and fonts-noto-color-emoji (apt-get)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei fonts-noto-color-emoji >/dev/null
  exit 0
fi
if [[ -x /usr/bin/chromium || -x /usr/lib/chromium/chromium ]]; then
  echo "note: Chinese text in the PDF needs a CJK font (e.g. sudo apt-get install fonts-wqy-zenhei)" >&2
  exit 0
fi
echo "no system chromium; trying: playwright install chromium"
"$PY" -m playwright install chromium || {
  echo "error: no Chromium. Install it with: sudo apt-get install chromium fonts-wqy-zenhei" >&2
  exit 1
}
