#!/usr/bin/env bash
# Pair STDP with the same input: the 1000 Poisson input trains (15 Hz, drawn with numpy, seed SEED) and the same
# initial weights (frac(i·0.618…)·gmax) drive Brian2's and Dendra's Song et al. (2000) network for DURATION seconds;
# prints each run's JSON line, whether the output spike steps are identical, and the largest final weight difference.
# Usage: benchmarks/stdp/same-inputs.sh [SEED]     (DURATION=20; Brian2 TARGET=cpp_standalone)
set -euo pipefail
cd "$(dirname "$0")/../.."
SEED=${1:-1}; DURATION=${DURATION:-20}; TARGET=${TARGET:-cpp_standalone}
dotnet build -c Release src/Cli -v q >/dev/null
dir=$(mktemp -d)
/usr/bin/python3 - "$SEED" "$DURATION" "$dir/input.csv" <<'PY'
import sys
import numpy as np
seed, duration, path = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(seed)
steps = int(round(duration / 1e-4))
rows = [np.c_[np.full(len(s), i), s] for i in range(1000) for s in [np.nonzero(rng.random(steps) < 15 * 1e-4)[0]]]
spikes = np.concatenate(rows)
np.savetxt(path, spikes[np.argsort(spikes[:, 1], kind='stable')], delimiter=',', fmt='%d')
PY
/usr/bin/python3 benchmarks/brian2/stdp.py --target "$TARGET" --duration "$DURATION" --chunks 1 \
    --input-spikes "$dir/input.csv" --w0 golden --save "$dir/b" --build-dir "${TMPDIR:-/tmp}/dendra_brian2_stdp_same" \
    --json 2>/dev/null | grep '^{' | cut -c1-400
dotnet src/Cli/bin/Release/net10.0/dendra.dll run benchmarks/stdp/song2000.csx --quiet --precision double \
    --threads 1 --set T="$DURATION" --set chunks=1 --set spikes="$dir/input.csv" --set w0=golden --set save="$dir/d" \
    | grep '^{' | cut -c1-400
/usr/bin/python3 - "$dir" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
b, n = (np.loadtxt(f'{d}/{x}_out.csv', dtype=np.int64, ndmin=1) for x in 'bd')
wb, wn = (np.loadtxt(f'{d}/{x}_w.csv') for x in 'bd')
same = len(b) == len(n) and bool((b == n).all())
k = min(len(b), len(n))
first = '' if same else f", first difference at output spike {int(np.argmax(np.r_[b[:k] != n[:k], True]))}"
print(f"output spikes: Brian2 {len(b)}, Dendra {len(n)}, {'identical' if same else 'different'}{first}; "
      f"largest final |w difference| {np.abs(wb - wn).max():.3g} (gmax 0.01)")
PY
rm -rf "$dir"
