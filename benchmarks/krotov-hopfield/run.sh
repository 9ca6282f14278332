#!/usr/bin/env bash
# The fast rule of Krotov & Hopfield, Dendra against PyTorch on the CPU, as whole processes (issue 15): builds Dendra in
# Release, then runs examples/krotov-hopfield.csx and fast_rule.py on the same settings, alternating, RUNS times each,
# each under /usr/bin/time -v, and prints wall time, epoch time (from the `epoch 1:` line), peak RSS and the ratio
# Dendra / PyTorch of the medians. Then the full dynamics' throughput (Dendra only, --variant full), FULL_RUNS times.
#   benchmarks/krotov-hopfield/run.sh                              # the issue's settings: 2000 units, p = 3, k = 7, 60,000 images
#   RUNS=1 SAMPLES=2000 HIDDEN=200 FULL_SAMPLES=200 benchmarks/krotov-hopfield/run.sh   # a smoke run
# Settings from the environment (defaults in brackets): RUNS [3], HIDDEN [2000], P [3], K [7], DELTA [0.4], EPS [0.04],
# EPOCHS [1], BATCH [100], SAMPLES [60000], THREADS [0: all cores, both sides], TORCH_THREADS [THREADS: PyTorch's
# and its OpenBLAS's alone],
# UPDATES ["dense sparse": the peer's forms of g^T v to time, each a row of its own; the ratio is against each and against
# the faster], FULL_SAMPLES [6000], FULL_RUNS [1; 0 skips the full dynamics], PYTHON [/usr/bin/python3],
# LAUNCHES ["run dll": how Dendra is started, each a row of its own; run: `dotnet run --project src/Cli -c Release
# --no-build --` (the issue's command: MSBuild evaluates the project first), dll: `dotnet src/Cli/bin/Release/net10.0/dendra.dll`],
# MOSAIC [1: Dendra draws its receptive-field mosaic, as the issue's command does (14 million pixels at 2000 units);
# 0: --set mosaic= draws none, the peer's work and no more], BUILD [1; 0 skips the build].
# Before the timed runs each side runs once untimed on 200 images, so that Dendra's
# compiled script is cached (a new or edited script costs about 2 s of Roslyn compilation once) and both sides' files
# are in the page cache.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3} HIDDEN=${HIDDEN:-2000} P=${P:-3} K=${K:-7} DELTA=${DELTA:-0.4} EPS=${EPS:-0.04} EPOCHS=${EPOCHS:-1}
BATCH=${BATCH:-100} SAMPLES=${SAMPLES:-60000} THREADS=${THREADS:-0} UPDATES=${UPDATES:-dense sparse}
TORCH_THREADS=${TORCH_THREADS:-$THREADS}
FULL_SAMPLES=${FULL_SAMPLES:-6000} FULL_RUNS=${FULL_RUNS:-1} PYTHON=${PYTHON:-/usr/bin/python3} LAUNCHES=${LAUNCHES:-run dll}
MOSAIC=${MOSAIC:-1}

"$PYTHON" -c 'import torch, numpy' 2>/dev/null || { echo "error: $PYTHON cannot import torch and numpy: apt-get install python3-torch python3-numpy (Debian)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing: apt-get install time" >&2; exit 1; }
if [ "${BUILD:-1}" = 1 ]; then
    echo "building Dendra (Release)"
    dotnet build src/Cli -c Release -v q -nologo >/dev/null
fi
# The command that starts Dendra for a launch named run or dll.
launcher() {
    case "$1" in
        run) echo "dotnet run --project src/Cli -c Release --no-build --" ;;
        dll) echo "dotnet src/Cli/bin/Release/net10.0/dendra.dll" ;;
        *) echo "error: LAUNCHES: $1: choose run or dll" >&2; exit 1 ;;
    esac
}
for launch in $LAUNCHES; do launcher "$launch" >/dev/null; done
read -r -a dendra <<<"$(launcher "${LAUNCHES%% *}")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dendra_args=(run examples/krotov-hopfield.csx --set hidden="$HIDDEN" --set p="$P" --set k="$K" --set delta="$DELTA"
    --set eps="$EPS" --set epochs="$EPOCHS" --set batch="$BATCH" --set readout=false)
if [ "$MOSAIC" = 1 ]; then mosaic=(--set mosaic="$work/mosaic.png"); else mosaic=(--set mosaic=); fi
dendra_args+=("${mosaic[@]}")
if [ "$THREADS" != 0 ]; then export OPENBLAS_NUM_THREADS="$THREADS" DOTNET_PROCESSOR_COUNT="$THREADS"; fi
# Debian's PyTorch leaves OpenBLAS's threads to OpenBLAS (all cores): TORCH_THREADS sets both.
peer=("$PYTHON")
if [ "$TORCH_THREADS" != 0 ]; then peer=(env OPENBLAS_NUM_THREADS="$TORCH_THREADS" "$PYTHON"); fi
torch_args=(benchmarks/krotov-hopfield/fast_rule.py --hidden "$HIDDEN" --p "$P" --k "$K" --delta "$DELTA" --eps "$EPS"
    --epochs "$EPOCHS" --batch "$BATCH" --threads "$TORCH_THREADS")

# One timed process: its stdout in $work/NAME.out, /usr/bin/time's report in $work/NAME.time; a failure stops the script.
timed() {
    local name=$1; shift
    if ! /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"; then
        echo "error: $name failed: $*" >&2
        cat "$work/$name.err" "$work/$name.out" >&2
        exit 1
    fi
}

echo "warming up (200 images each, untimed)"
timed warm-dendra "${dendra[@]}" "${dendra_args[@]}" --set samples=200
timed warm-torch "${peer[@]}" "${torch_args[@]}" --samples 200 --update dense

echo "fast rule: $HIDDEN units, p = $P, k = $K, Δ = $DELTA, ε₀ = $EPS, $EPOCHS epoch(s) of $SAMPLES images, batch $BATCH; $RUNS runs each, alternating; Dendra's mosaic: $([ "$MOSAIC" = 1 ] && echo drawn || echo none)"
for run in $(seq 1 "$RUNS"); do
    for launch in $LAUNCHES; do
        read -r -a command <<<"$(launcher "$launch")"
        timed "dendra_$launch-$run" "${command[@]}" "${dendra_args[@]}" --set samples="$SAMPLES"
    done
    for update in $UPDATES; do
        timed "torch_$update-$run" "${peer[@]}" "${torch_args[@]}" --samples "$SAMPLES" --update "$update"
    done
done
for run in $(seq 1 "$FULL_RUNS"); do
    timed "full-$run" "${dendra[@]}" run examples/krotov-hopfield.csx --variant full --set hidden="$HIDDEN" --set p="$P" --set k="$K" \
        --set delta="$DELTA" --set epochs=1 --set samples="$FULL_SAMPLES" --set readout=false "${mosaic[@]}"
done

"$PYTHON" - "$work" "$RUNS" "$FULL_RUNS" "$UPDATES" "$LAUNCHES" <<'EOF'
import re, statistics, sys
work, runs, full_runs, updates, launches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(), sys.argv[5].split()

def measure(name):
    out = open(f"{work}/{name}.out").read()
    report = open(f"{work}/{name}.time").read()
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", report).group(1)
    wall = 0.0
    for part in clock.split(":"):
        wall = wall * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    epochs = [(float(s), float(r)) for s, r in re.findall(r"(?m)^epoch \d+: ([0-9.]+) s, ([0-9.]+) samples/s$", out)]
    weights = re.search(r"(?m)^weights: (.*)$", out)
    return dict(wall=wall, rss=rss, epoch=sum(s for s, _ in epochs), rate=epochs[-1][1] if epochs else float("nan"),
                weights=weights.group(1) if weights else "")

dendras, peers = [f"dendra_{l}" for l in launches], [f"torch_{u}" for u in updates]
sides = dendras + peers
rows = {side: [measure(f"{side}-{r}") for r in range(1, runs + 1)] for side in sides}
label = {"dendra_run": "Dendra (dotnet run --no-build)", "dendra_dll": "Dendra (dotnet dendra.dll)", **{f"torch_{u}": f"PyTorch (fast_rule.py, {u})" for u in updates}}
print()
print(f"| {'process':<32} | {'run':>3} | {'wall s':>7} | {'epoch s':>7} | {'samples/s':>9} | {'max RSS MB':>10} |")
print(f"|{'-' * 34}|{'-' * 4}:|{'-' * 8}:|{'-' * 8}:|{'-' * 10}:|{'-' * 11}:|")
for side in sides:
    for r, m in enumerate(rows[side], 1):
        print(f"| {label[side]:<32} | {r:>3} | {m['wall']:7.2f} | {m['epoch']:7.2f} | {m['rate']:9.0f} | {m['rss']:10.0f} |")
median = {side: {key: statistics.median(m[key] for m in rows[side]) for key in ("wall", "epoch", "rss")} for side in sides}
print()
for side in sides:
    print(f"median {label[side]}: wall {median[side]['wall']:.2f} s, epoch {median[side]['epoch']:.2f} s, {median[side]['rss']:.0f} MB")
fastest = min(peers, key=lambda side: median[side]["wall"])
for dendra in dendras:
    for side in peers:
        print(f"ratio {label[dendra]} / {label[side]}: wall {median[dendra]['wall'] / median[side]['wall']:.2f}, "
              f"epoch {median[dendra]['epoch'] / median[side]['epoch']:.2f}")
    print(f"ratio {label[dendra]} / the faster peer, {label[fastest]}: wall {median[dendra]['wall'] / median[fastest]['wall']:.2f}"
          f"   (issue 15: ≤ 0.5, aim ≤ 0.3)")
for side in sides:
    print(f"learned weights, last run, {label[side]}: {rows[side][-1]['weights']}")
for r in range(1, full_runs + 1):
    m = measure(f"full-{r}")
    print(f"full dynamics (Dendra, --variant full), run {r}: epoch {m['epoch']:.2f} s, {m['rate']:.0f} images/s, wall {m['wall']:.2f} s, {m['rss']:.0f} MB")
EOF
