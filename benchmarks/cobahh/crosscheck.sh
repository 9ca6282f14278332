#!/usr/bin/env bash
# COBAHH cross-check: mean rate and ISI CV of Dendra (benchmarks/cobahh/cobahh-stats.csx, i.e.
# Brette2007.Cobahh) and of Brian2 (benchmarks/brian2/cobahh.py, Debian's python3-brian) for the same network, seeds
# FIRST_SEED, FIRST_SEED + 1, ... (SEEDS of them), DURATION seconds each. Prints one JSON line per run and the
# mean ± sd of each.
# Usage: benchmarks/cobahh/crosscheck.sh
#   (defaults FIRST_SEED=1 SEEDS=5 DURATION=1 PRECISION=double TARGET=cython GATES=steady)
# GATES=zero starts Brian2's gates at 0 as its COBAHH example does (Dendra always starts them at steady state).
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS=${SEEDS:-5}; FIRST_SEED=${FIRST_SEED:-1}; DURATION=${DURATION:-1}; PRECISION=${PRECISION:-double}
TARGET=${TARGET:-cython}; GATES=${GATES:-steady}
. benchmarks/brian2/crosscheck-run.sh # the Brian2 check, the build, and one()
for seed in $(seq "$FIRST_SEED" $((FIRST_SEED + SEEDS - 1))); do
    one dendra dotnet src/Cli/bin/Release/net10.0/dendra.dll run benchmarks/cobahh/cobahh-stats.csx --quiet \
        --seed "$seed" --precision "$PRECISION" --duration "${DURATION}s"
    one brian2 /usr/bin/python3 benchmarks/brian2/cobahh.py --target "$TARGET" --seed "$seed" --duration "$DURATION" \
        --gates "$GATES" --json
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = {"dendra": [], "brian2": []}
for line in open(sys.argv[1]):
    who, _, payload = line.partition(" ")
    d = json.loads(payload)
    rows[who].append((d["rate_all_hz"], d["rate_exc_hz"], d["rate_inh_hz"], d["isi_cv_mean"]))
def ms(xs):
    return f"{statistics.mean(xs):.3f} ± {statistics.pstdev(xs):.3f}"
for who, values in rows.items():
    rates, exc, inh, cvs = (list(c) for c in zip(*values))
    print(f"{who:7s} rate {ms(rates)} Hz [{min(rates):.2f}, {max(rates):.2f}]   exc {ms(exc)}   inh {ms(inh)}   "
          f"ISI CV {ms(cvs)} [{min(cvs):.3f}, {max(cvs):.3f}]")
PY
rm -f "$out" "$err"
