#!/usr/bin/env bash
# CUBA cross-check: mean rate and ISI CV of Dendra and of Brian2 (Debian's python3-brian) for the same
# network, seeds 1..SEEDS, DURATION seconds each. Prints one line per run and the mean ± sd of each.
# Usage: benchmarks/cuba/crosscheck.sh            (SEEDS=5 DURATION=1 PRECISION=double TARGET=cython)
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS=${SEEDS:-5}; DURATION=${DURATION:-1}; PRECISION=${PRECISION:-double}; TARGET=${TARGET:-cython}
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import brian2' 2>/dev/null || {
    echo "Brian2 is missing: apt-get install -y python3-brian" >&2; exit 1; }
dotnet build -c Release benchmarks/Dendra.Benchmarks -v q >/dev/null
out=$(mktemp)
for seed in $(seq 1 "$SEEDS"); do
    dotnet benchmarks/Dendra.Benchmarks/bin/Release/net10.0/dendra-bench.dll --duration "$DURATION" --seed "$seed" \
        --precision "$PRECISION" --stats yes | sed "s/^/dendra /" | tee -a "$out"
    /usr/bin/python3 benchmarks/brian2/cuba.py --target "$TARGET" --seed "$seed" --duration "$DURATION" --json \
        | grep '^{' | sed "s/^/brian2 /" | tee -a "$out"
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = {"dendra": [], "brian2": []}
for line in open(sys.argv[1]):
    who, _, payload = line.partition(" ")
    d = json.loads(payload)
    rate = d.get("rate_hz", d.get("rate_all_hz"))
    cv = d.get("isi_cv", d.get("isi_cv_mean"))
    rows[who].append((rate, cv))
for who, values in rows.items():
    rates = [r for r, _ in values]; cvs = [c for _, c in values]
    print(f"{who:7s} rate {statistics.mean(rates):.3f} ± {statistics.pstdev(rates):.3f} Hz "
          f"[{min(rates):.2f}, {max(rates):.2f}]   ISI CV {statistics.mean(cvs):.3f} ± {statistics.pstdev(cvs):.3f}")
PY
rm -f "$out"
