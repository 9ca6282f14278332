#!/usr/bin/env bash
# Pair STDP cross-check (Song, Miller & Abbott 2000, as in Brian2's synapses/STDP.py example): Dendra
# (benchmarks/stdp/song2000.csx, PairStdp) against Brian2 (benchmarks/brian2/stdp.py, Debian's python3-brian),
# seeds FIRST_SEED, FIRST_SEED + 1, ... (SEEDS of them), DURATION seconds each, split into CHUNKS stretches. Prints
# one JSON line per run, then for each simulator the mean ± sd over seeds of the output rate (whole run and last
# stretch) and of the final weight distribution (mean w/gmax, fraction below 0.1 gmax, fraction above 0.9 gmax),
# and the mean trajectory per stretch.
# Usage: benchmarks/stdp/crosscheck.sh
#   (defaults FIRST_SEED=1 SEEDS=5 DURATION=100 CHUNKS=10 PRECISION=double TARGET=cpp_standalone)
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS=${SEEDS:-5}; FIRST_SEED=${FIRST_SEED:-1}; DURATION=${DURATION:-100}; CHUNKS=${CHUNKS:-10}
PRECISION=${PRECISION:-double}
TARGET=${TARGET:-cpp_standalone}
. benchmarks/brian2/crosscheck-run.sh # the Brian2 check, the build, and one()
for seed in $(seq "$FIRST_SEED" $((FIRST_SEED + SEEDS - 1))); do
    one dendra dotnet src/Cli/bin/Release/net10.0/dendra.dll run benchmarks/stdp/song2000.csx --quiet --seed "$seed" \
        --precision "$PRECISION" --threads 1 --set T="$DURATION" --set chunks="$CHUNKS"
    one brian2 /usr/bin/python3 benchmarks/brian2/stdp.py --target "$TARGET" --seed "$seed" --duration "$DURATION" \
        --chunks "$CHUNKS" --json
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = {"dendra": [], "brian2": []}
for line in open(sys.argv[1]):
    who, _, payload = line.partition(" ")
    rows[who].append(json.loads(payload))
def ms(xs, f=".3f"):
    return f"{statistics.mean(xs):{f}} ± {statistics.pstdev(xs):{f}}"
keys = [("rate_hz", "rate (Hz)", ".2f"), ("rate_last_hz", "rate, last stretch (Hz)", ".2f"),
        ("w_mean_over_gmax", "mean w/gmax", ".3f"), ("frac_below_0.1", "w < 0.1 gmax", ".3f"),
        ("frac_above_0.9", "w > 0.9 gmax", ".3f")]
for who, runs in rows.items():
    print(f"{who:7s} " + "   ".join(f"{label} {ms([r[k] for r in runs], f)}" for k, label, f in keys))
for who, runs in rows.items():
    ts = runs[0]["t_s"]
    print(f"{who} trajectory, mean over {len(runs)} seeds:")
    for k, t in enumerate(ts):
        col = lambda key: [r[key][k] for r in runs]
        print(f"  t {t:7.1f} s  rate {ms(col('rate_hz_per_stretch'), '.2f')} Hz  "
              f"w/gmax {ms(col('w_mean_per_stretch'))}  < 0.1 gmax {ms(col('frac_below_0.1_per_stretch'))}  > 0.9 gmax {ms(col('frac_above_0.9_per_stretch'))}")
PY
rm -f "$out" "$err"
