#!/usr/bin/env bash
# Evidence that fast_rule.py (the PyTorch peer) does the same work as Dendra's fast rule: both start from the same
# initial weights (N(0, 1), float32, drawn here with numpy), learn from the same minibatches (the first SAMPLES training
# images in file order) for EPOCHS epochs, and save their final weights; this prints how far apart the two results are,
# against how far each moved from the start. Small by default (a few seconds of learning); settings from the environment:
#   HIDDEN=20 SAMPLES=2000 EPOCHS=2 EPS=0.04 BATCH=100 CONFIGS="2,2 3,7" benchmarks/krotov-hopfield/check-same-algorithm.sh
# CONFIGS lists p,k pairs; each is run against both of the peer's update forms (dense and sparse).
set -euo pipefail
cd "$(dirname "$0")/../.."
HIDDEN=${HIDDEN:-20} SAMPLES=${SAMPLES:-2000} EPOCHS=${EPOCHS:-2} EPS=${EPS:-0.04} BATCH=${BATCH:-100} DELTA=${DELTA:-0.4}
CONFIGS=${CONFIGS:-"2,2 3,7"}
PYTHON=${PYTHON:-/usr/bin/python3}
"$PYTHON" -c 'import torch, numpy' 2>/dev/null || { echo "error: $PYTHON cannot import torch and numpy: apt-get install python3-torch python3-numpy" >&2; exit 1; }
[ "${BUILD:-1}" = 1 ] && dotnet build src/Cli -c Release -v q -nologo >/dev/null
dendra=(dotnet src/Cli/bin/Release/net10.0/dendra.dll)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PYTHON" -c "import numpy as np; np.save('$work/w0.npy', np.random.default_rng(7).standard_normal(($HIDDEN, 784)).astype(np.float32))"

echo "same start, same minibatches: $HIDDEN units, $EPOCHS epochs of the first $SAMPLES images in file order, batch $BATCH, ε₀ = $EPS, Δ = $DELTA"
printf '%-8s %-7s %14s %14s %14s %12s %13s\n' "p, k" "peer" "max|ΔW| moved" "max|W_D−W_T|" "relative" "1 − cosine" "max row 1−cos"
for config in $CONFIGS; do
    p=${config%,*} k=${config#*,}
    "${dendra[@]}" run benchmarks/krotov-hopfield/same-start.csx -q --set init="$work/w0.npy" --set save="$work/dendra.npy" \
        --set hidden="$HIDDEN" --set p="$p" --set k="$k" --set delta="$DELTA" --set eps="$EPS" --set epochs="$EPOCHS" \
        --set samples="$SAMPLES" --set batch="$BATCH" >/dev/null
    for update in dense sparse; do
        "$PYTHON" benchmarks/krotov-hopfield/fast_rule.py --init "$work/w0.npy" --ordered --save "$work/torch.npy" --update "$update" \
            --hidden "$HIDDEN" --p "$p" --k "$k" --delta "$DELTA" --eps "$EPS" --epochs "$EPOCHS" --samples "$SAMPLES" --batch "$BATCH" >/dev/null
        "$PYTHON" - "$work" "$p,$k" "$update" <<'EOF'
import sys
import numpy as np
work, config, update = sys.argv[1:]
w0, d, t = (np.load(f"{work}/{name}.npy").astype(np.float64) for name in ("w0", "dendra", "torch"))
moved = max(np.abs(d - w0).max(), np.abs(t - w0).max())
diff = np.abs(d - t).max()
cos = (d * t).sum() / np.sqrt((d * d).sum() * (t * t).sum())
rows = (d * t).sum(1) / np.sqrt((d * d).sum(1) * (t * t).sum(1))
print(f"{config:<8} {update:<7} {moved:14.6g} {diff:14.3g} {diff / moved:14.3g} {1 - cos:12.2g} {1 - rows.min():12.2g}")
EOF
    done
done
