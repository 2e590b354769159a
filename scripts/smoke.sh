#!/usr/bin/env bash
# make smoke: build the wheel, check it holds one top-level package, install it into a clean venv
# (torch first, then the wheel with constraints.txt, no dev extras) and run the console script.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-python3}
OUT=build/smoke
start=$(date +%s)
rm -rf "$OUT" build/lib build/bdist.*  # setuptools' staging folder would carry files deleted since into the wheel
mkdir -p "$OUT/dist"
"$PYTHON" -m pip wheel -q --no-deps -w "$OUT/dist" .
wheel=$(ls "$OUT"/dist/selfaudit-*.whl)
"$PYTHON" scripts/check_wheel.py "$wheel"
"$PYTHON" -m venv "$OUT/venv"
"$OUT/venv/bin/pip" install -q torch==2.13.0
"$OUT/venv/bin/pip" install -q -c constraints.txt "$wheel"
cd "$OUT"  # away from the source tree: what runs is what was installed
venv/bin/selfaudit --help > help.txt
venv/bin/selfaudit demo --help > demo-help.txt
grep -q "demo" help.txt && grep -q -- "--faults" demo-help.txt
venv/bin/python -c "import selfaudit.app.cli, selfaudit.crawler.settings, selfaudit.reports.build; print('imports ok')"
echo "smoke: ok in $(( $(date +%s) - start )) s"
