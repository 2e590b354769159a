#!/usr/bin/env bash
# Make sure Tesseract OCR and the language packs of the six UN languages exist (text in pictures, #13).
# Debian's packages via apt-get when running as root; otherwise one line saying how. OCR is optional:
# without it, pictures are still read (positions, faces) and the report says OCR was not run.
set -euo pipefail
LANGS=(eng fra spa ara rus chi-sim)
have_all() {
  command -v tesseract >/dev/null || return 1
  local have; have="$(tesseract --list-langs 2>/dev/null | tr '\n' ' ')"
  for l in "${LANGS[@]}"; do [[ " $have " == *" ${l//-/_} "* ]] || return 1; done
}
have_all && exit 0
PKGS=(tesseract-ocr); for l in "${LANGS[@]}"; do PKGS+=("tesseract-ocr-$l"); done
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  echo "installing ${PKGS[*]} (apt-get)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PKGS[@]}" >/dev/null
  exit 0
fi
echo "note: text in pictures needs OCR: sudo apt-get install ${PKGS[*]}" >&2
