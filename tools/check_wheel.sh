#!/usr/bin/env bash
# Test-free packaging check: build the wheel, install it alone into a fresh virtual
# environment (no checkout on the path) and make every kind of output from it: a report,
# the packaged conformance suite, a template and an import. Usage: bash tools/check_wheel.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip wheel "$root" -w "$work/wheel" --no-deps --quiet
wheel="$(ls "$work"/wheel/sroi_core-*.whl)"
echo "built $(basename "$wheel")"
unzip -l "$wheel" | grep -c "sroi_core/_published/conformance/" | xargs echo "conformance files in the wheel:"
unzip -l "$wheel" | grep -c "sroi_core/_published/schemas/" | xargs echo "schema files in the wheel:"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
cp "$root"/examples/pilot/tender.json "$root"/examples/pilot/bid-a.json \
   "$root"/examples/pilot/evidence-2027-h1.json "$work/"
cd "$work"   # outside the checkout: only the installed wheel can answer
sroi="$work/venv/bin/sroi"
"$sroi" report tender.json --bid bid-a.json --evidence evidence-2027-h1.json -o report.html
grep -c "€" report.html | xargs echo "euro amounts in the report lines:"
"$sroi" conformance run
"$sroi" template bid --tender tender.json -o bid.xlsx
"$sroi" export bid-a.json -o bid-a.xlsx && "$sroi" import bid-a.xlsx -o back.json
cmp back.json bid-a.json && echo "round trip through XLSX: identical"
"$work/venv/bin/python" -c "import sroi_core.published as p; print('suite from', p.conformance_dir())"
echo "wheel check passed"
