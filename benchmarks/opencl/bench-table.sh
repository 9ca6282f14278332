#!/usr/bin/env bash
# The OpenCL benchmark table: CUBA and COBA at each size, CPU backend against OpenCL, each case in its own process
# (so its peak RSS is its own), with the neuron update alone and the copy bandwidth; then one Markdown summary.
# /usr/bin/time, where there is one, logs each whole process (the copy buffers included) to NAME.time.
#
#   benchmarks/opencl/bench-table.sh OUT_DIR DENDRA...        e.g.
#   benchmarks/opencl/bench-table.sh /tmp/table dotnet src/Cli/bin/Release/net10.0/dendra.dll
#
# Settings from the environment: SIZES (default 4k,64k,256k,1M), K (80), DURATION (50ms), NETWORKS (cuba coba),
# BACKENDS (cpu opencl), DEVICE (the OpenCL device selector, default: dendra's choice), PRECISION (single).
set -euo pipefail
if [[ $# -lt 2 ]]; then
    echo "usage: $0 OUT_DIR DENDRA_COMMAND..." >&2
    exit 2
fi
out=$1; shift
dendra=("$@")
sizes=${SIZES:-4k,64k,256k,1M}
k=${K:-80}
duration=${DURATION:-50ms}
networks=${NETWORKS:-cuba coba}
backends=${BACKENDS:-cpu opencl}
precision=${PRECISION:-single}
mkdir -p "$out"

{
    echo "date: $(date -u +%FT%TZ)"
    echo "command: ${dendra[*]} bench NETWORK --n N -k $k -d $duration --precision $precision --backend B --neuron-update -f json"
    lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket)' || true
    grep MemTotal /proc/meminfo || true
    echo "load before: $(uptime)"
    "${dendra[@]}" devices 2>&1 || true
    command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || true
} > "$out/machine.txt"

for network in $networks; do
    for n in ${sizes//,/ }; do
        # Backends alternate within each size, so a change in the machine's load hits both alike.
        for backend in $backends; do
            name="$network-$n-$backend"
            device_option=()
            [[ $backend == opencl && -n ${DEVICE:-} ]] && device_option=(--device "$DEVICE")
            echo "$name ..." >&2
            timer=()
            [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -v -o "$out/$name.time")
            if "${timer[@]}" "${dendra[@]}" bench "$network" --n "$n" -k "$k" -d "$duration" \
                --precision "$precision" --backend "$backend" "${device_option[@]}" --neuron-update -f json --quiet \
                > "$out/$name.json" 2> "$out/$name.err"; then
                :
            else
                echo "$name failed: $(tail -n 3 "$out/$name.err")" >&2
            fi
        done
    done
done
echo "load after: $(uptime)" >> "$out/machine.txt"
if command -v python3 > /dev/null; then
    python3 "$(dirname "$0")/summarize.py" "$out" > "$out/summary.md"
    cat "$out/summary.md"
else
    echo "no python3 here: summarize later with summarize.py $out" >&2
fi
