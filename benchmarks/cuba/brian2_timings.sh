#!/usr/bin/env bash
# Whole-process timing of the CUBA benchmark (Brette et al. 2007, #2):
# Brian2 (cpp_standalone / cython / numpy) and, optionally, Dendra, measured
# with `/usr/bin/time -v` in the same loop. Prints a Markdown table on stdout;
# progress and the location of the raw logs go to stderr.
#
# Every configuration uses K synapses per neuron (p = K/N). With the default
# K=80, N=4000 is exactly examples/CUBA.py (p = 0.02).
#
# Environment (all optional):
#   PY=/usr/bin/python3        interpreter with Brian2 (Debian python3-brian)
#   DURATION=10                biological time, seconds
#   K=80                       synapses per neuron
#   SEED=1
#   NS="4000 16000 64000 256000"   N for cpp_standalone (and Dendra)
#   RUNTIME_NS="4000"          N for the cython and numpy runtime targets
#   TARGETS="cpp_standalone cython numpy"
#   TIMEOUT_S=0                per-measurement limit (0 = none); a run over it
#                              is killed and reported as skipped
#   WORK=<mktemp dir>          raw logs (time -v output, stdout/stderr, JSON)
#   BUILD_ROOT=$WORK/standalone    cpp_standalone project directories
#   CYTHON_CACHE=              Cython cache dir (default: Brian2's,
#                              ~/.cython/brian_extensions)
#   DENDRA_CMD                 if set, also timed for every N in NS as
#                              $DENDRA_CMD --duration ${DURATION}s --set N=<n> --set synapsesPerNeuron=<K>
#                              e.g. DENDRA_CMD="dotnet /path/dendra.dll run examples/cuba.csx"
#   DENDRA_WARMUP=1            run Dendra once with --duration 0.1s first
#                              (file cache only; not timed)
#
# Warm/cold policy (see benchmarks/brian2/README.md):
#   cpp_standalone: the project is first generated and compiled with
#     `cuba.py --build-only` using the identical arguments (timed separately,
#     reported as "cold build"); the timed run then finds every source file
#     unchanged and `make` does nothing. run() still includes Brian2's Python
#     code generation (~2.5 s), which is never cached.
#   cython: a 0.01 s run with the same N/K/seed first fills the Cython cache;
#     the timed run compiles nothing (the number of cached modules is checked).
#   numpy: a 0.01 s run first, only to warm the file cache.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CUBA="$HERE/../brian2/cuba.py"
PY="${PY:-/usr/bin/python3}"
DURATION="${DURATION:-10}"
K="${K:-80}"
SEED="${SEED:-1}"
NS="${NS:-4000 16000 64000 256000}"
RUNTIME_NS="${RUNTIME_NS:-4000}"
TARGETS="${TARGETS:-cpp_standalone cython numpy}"
TIMEOUT_S="${TIMEOUT_S:-0}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/cuba_timings.XXXXXX")}"
BUILD_ROOT="${BUILD_ROOT:-$WORK/standalone}"
CYTHON_CACHE="${CYTHON_CACHE:-}"
DENDRA_CMD="${DENDRA_CMD:-}"
DENDRA_WARMUP="${DENDRA_WARMUP:-1}"
TIME_BIN=/usr/bin/time

[[ -x "$TIME_BIN" ]] || { echo "need GNU time at $TIME_BIN (apt-get install time)" >&2; exit 1; }
"$PY" -W ignore::FutureWarning -c 'import brian2' 2>/dev/null || { echo "$PY cannot import brian2 (apt-get install python3-brian)" >&2; exit 1; }
mkdir -p "$WORK" "$BUILD_ROOT"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
log "raw logs in $WORK"

cython_args=()
[[ -n "$CYTHON_CACHE" ]] && cython_args=(--cython-cache-dir "$CYTHON_CACHE")
cython_cache_dir="${CYTHON_CACHE:-$HOME/.cython/brian_extensions}"
count_cython_modules() { find "$cython_cache_dir" -name '*.so' 2>/dev/null | wc -l; }

# timed <tag> <cmd...>: runs cmd under /usr/bin/time -v (and timeout if set).
# Sets TIMED_RC, TIMED_WALL (s), TIMED_RSS_MB. Logs: $WORK/<tag>.{out,err,time}
timed() {
    local tag="$1"; shift
    local pre=()
    [[ "$TIMEOUT_S" != 0 ]] && pre=(timeout --signal=KILL "$TIMEOUT_S")
    set +e
    "$TIME_BIN" -v -o "$WORK/$tag.time" "${pre[@]}" "$@" >"$WORK/$tag.out" 2>"$WORK/$tag.err"
    TIMED_RC=$?
    set -e
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.33"
    TIMED_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$WORK/$tag.time")
    TIMED_RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/$tag.time")
}

# jget <file> <key>: value of key in the last JSON line of file ("" if absent)
jget() {
    "$PY" - "$1" "$2" <<'EOF'
import json, sys
val = ''
try:
    lines = [l for l in open(sys.argv[1]) if l.lstrip().startswith('{')]
    if lines:
        v = json.loads(lines[-1]).get(sys.argv[2], '')
        val = f'{v:.3f}' if isinstance(v, float) else str(v)
except Exception:
    pass
print(val)
EOF
}

ROWS=()
# row simulator target N K bio wall rss spikes rate run notes
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 | ${10} | ${11} |"); }

brian2_row() {  # <target> <n> <tag> <notes-prefix>
    local target="$1" n="$2" tag="$3" notes="$4"
    if [[ $TIMED_RC -ne 0 ]]; then
        if [[ $TIMED_RC -eq 137 || $TIMED_RC -eq 124 ]]; then notes+="killed after TIMEOUT_S=${TIMEOUT_S}s (skipped)"
        else notes+="FAILED rc=$TIMED_RC, see $WORK/$tag.err"; fi
        row brian2 "$target" "$n" "$K" "$DURATION" "${TIMED_WALL}" "${TIMED_RSS_MB}" - - - "$notes"
        return
    fi
    local spikes rate run_s
    spikes=$(jget "$WORK/$tag.out" spikes)
    rate=$(jget "$WORK/$tag.out" rate_all_hz)
    run_s=$(jget "$WORK/$tag.out" wall_run_s)
    if [[ "$target" == cpp_standalone ]]; then
        notes+="make $(jget "$WORK/$tag.out" standalone_make_s) s, main $(jget "$WORK/$tag.out" standalone_binary_s) s (loop $(jget "$WORK/$tag.out" standalone_sim_loop_s) s)"
    fi
    row brian2 "$target" "$n" "$K" "$DURATION" "$TIMED_WALL" "$TIMED_RSS_MB" "$spikes" "$rate" "$run_s" "$notes"
}

common=(--syn-per-neuron "$K" --duration "$DURATION" --seed "$SEED" --json)

for target in $TARGETS; do
    if [[ "$target" == cpp_standalone ]]; then list="$NS"; else list="$RUNTIME_NS"; fi
    for n in $list; do
        tag="brian2_${target}_n${n}"
        case "$target" in
        cpp_standalone)
            bdir="$BUILD_ROOT/n${n}_k${K}"
            log "$tag: cold build (codegen + make, not timed in the table row)"
            timed "${tag}_build" "$PY" "$CUBA" --target cpp_standalone --n "$n" "${common[@]}" --build-dir "$bdir" --build-only
            cold="cold build ${TIMED_WALL} s; "
            [[ $TIMED_RC -ne 0 ]] && cold="cold build FAILED (rc=$TIMED_RC); "
            log "$tag: warm run"
            timed "$tag" "$PY" "$CUBA" --target cpp_standalone --n "$n" "${common[@]}" --build-dir "$bdir"
            brian2_row "$target" "$n" "$tag" "$cold"
            ;;
        cython)
            log "$tag: warm-up (0.01 s) to fill the Cython cache"
            timed "${tag}_warmup" "$PY" "$CUBA" --target cython --n "$n" --syn-per-neuron "$K" --duration 0.01 --seed "$SEED" --json "${cython_args[@]}"
            warm="cache warm-up ${TIMED_WALL} s; "
            before=$(count_cython_modules)
            log "$tag: timed run"
            timed "$tag" "$PY" "$CUBA" --target cython --n "$n" "${common[@]}" "${cython_args[@]}"
            after=$(count_cython_modules)
            brian2_row "$target" "$n" "$tag" "${warm}new cython modules: $((after - before))"
            ;;
        numpy)
            timed "${tag}_warmup" "$PY" "$CUBA" --target numpy --n "$n" --syn-per-neuron "$K" --duration 0.01 --seed "$SEED" --json
            log "$tag: timed run"
            timed "$tag" "$PY" "$CUBA" --target numpy --n "$n" "${common[@]}"
            brian2_row "$target" "$n" "$tag" ""
            ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
        esac
    done
done

if [[ -n "$DENDRA_CMD" ]]; then
    for n in $NS; do
        tag="dendra_n${n}"
        # DENDRA_CMD is deliberately word-split (it is a command line).
        if [[ "$DENDRA_WARMUP" == 1 ]]; then
            log "$tag: warm-up (0.1 s)"
            timed "${tag}_warmup" $DENDRA_CMD --duration 0.1s --set "N=$n" --set "synapsesPerNeuron=$K"
        fi
        log "$tag: timed run"
        timed "$tag" $DENDRA_CMD --duration "${DURATION}s" --set "N=$n" --set "synapsesPerNeuron=$K"
        if [[ $TIMED_RC -ne 0 ]]; then
            row dendra - "$n" "$K" "$DURATION" "$TIMED_WALL" "$TIMED_RSS_MB" - - - "rc=$TIMED_RC, see $WORK/$tag.err"
            continue
        fi
        # Spike count: a JSON line with "spikes", else the last "spikes ... <int>" in the output.
        spikes=$(jget "$WORK/$tag.out" spikes)
        if [[ -z "$spikes" ]]; then
            spikes=$(grep -oiE 'spikes[^0-9]{0,20}[0-9]+' "$WORK/$tag.out" | tail -1 | grep -oE '[0-9]+$' || true)
        fi
        row dendra - "$n" "$K" "$DURATION" "$TIMED_WALL" "$TIMED_RSS_MB" "${spikes:-?}" - - ""
    done
fi

echo "CUBA, ${DURATION} s biological time, dt 0.1 ms, K=${K} synapses/neuron (p=K/N), seed ${SEED}; $(nproc) cores; $("$PY" -W ignore::FutureWarning -c 'import brian2; print("Brian2", brian2.__version__)')"
echo
echo "| simulator | target | N | syn/neuron | bio s | wall s | peak RSS MB | spikes | rate Hz | run() s | notes |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for r in "${ROWS[@]}"; do echo "$r"; done
echo
echo "wall s and peak RSS: /usr/bin/time -v of the whole process (interpreter start-up, imports, network construction, code generation, simulation, result loading). For cpp_standalone the peak RSS is the max over the python process and its 'main' child (getrusage children: max, not sum). run() s: Brian2's Network.run() only, from cuba.py. Raw logs: $WORK"
