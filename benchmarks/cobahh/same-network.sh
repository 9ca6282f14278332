#!/usr/bin/env bash
# COBAHH on the same network in both simulators: Brian2 draws a network (seed SEED) and runs it, Dendra runs that
# network from the saved files; then Dendra draws one and Brian2 runs it. Prints each run's JSON line and whether
# the two spike lists (neuron, step) are identical, or where they first differ.
# Usage: benchmarks/cobahh/same-network.sh [SEED]     (DURATION=1 s; files under a mktemp directory, removed after)
set -euo pipefail
cd "$(dirname "$0")/../.."
SEED=${1:-1}; DURATION=${DURATION:-1}
dotnet build -c Release src/Cli -v q >/dev/null
dir=$(mktemp -d)
dendra() { dotnet src/Cli/bin/Release/net10.0/dendra.dll run benchmarks/cobahh/cobahh-stats.csx --quiet \
    --precision double --duration "${DURATION}s" "$@" | grep '^{'; }
brian2() { /usr/bin/python3 benchmarks/brian2/cobahh.py --duration "$DURATION" --json "$@" 2>/dev/null | grep '^{'; }
compare() {
    /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import sys
import numpy as np
a, b = (np.loadtxt(f, delimiter=',', dtype=np.int64, ndmin=2) for f in sys.argv[2:4])
key = lambda s: set(map(tuple, s))
diff = key(a) ^ key(b)
print(f"{sys.argv[1]}: {len(a)} and {len(b)} spikes, " +
      ("identical" if not diff else f"{len(diff)} differ, the first at step {min(t for _, t in diff)}"))
PY
}
brian2 --seed "$SEED" --save "$dir/b"
dendra --set load="$dir/b" --set save="$dir/bd"
compare "Brian2's network (seed $SEED), Brian2 vs Dendra" "$dir/b_spikes.csv" "$dir/bd_spikes.csv"
dendra --seed "$SEED" --set save="$dir/d"
brian2 --load "$dir/d" --save "$dir/db"
compare "Dendra's network (seed $SEED), Dendra vs Brian2" "$dir/d_spikes.csv" "$dir/db_spikes.csv"
rm -rf "$dir"
