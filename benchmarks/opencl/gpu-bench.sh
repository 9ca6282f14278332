#!/usr/bin/env bash
# The OpenCL benchmark kit for a GPU machine, which needs no .NET: build it here, copy it there, run it there.
#
#   benchmarks/opencl/gpu-bench.sh publish [KIT_DIR]   # here: self-contained linux-x64 dendra + these scripts
#                                                      #       + an OpenCL ICD loader (default artifacts/gpu-bench)
#   KIT_DIR/gpu-bench.sh run [OUT_DIR]                 # there: registers the NVIDIA OpenCL driver if no ICD names it,
#                                                      #       then the bench table and bandwidth on the GPU and on the
#                                                      #       machine's CPU backend (default OUT_DIR: ./gpu-results)
#
# run takes the settings of bench-table.sh from the environment (SIZES, K, DURATION, NETWORKS, BACKENDS, PRECISION),
# and for the minibatch network BATCHES (default "1 10 100") and BATCH_DURATION (default 100ms);
# DEVICE defaults to "gpu" (the first GPU; "0", "1", … or part of a name pick another, see `dendra devices`).
# It also runs Krotov & Hopfield's fast rule at the paper's size (2000 units, p = 3, k = 7, minibatch 100) for one epoch
# of MNIST (KH_SAMPLES images, default 60000) on the device and on the CPU; publish puts MNIST in the kit (from the
# dendra data cache, gzipped) when it is there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

publish() {
    local repo kit
    repo=$(cd "$here/../.." && pwd)
    kit=$(realpath -m "${1:-$repo/artifacts/gpu-bench}")
    rm -rf "$kit"
    mkdir -p "$kit"
    dotnet publish "$repo/src/Cli" -c Release -r linux-x64 --self-contained -p:PublishSingleFile=false -o "$kit/dendra" >&2
    cp "$here/gpu-bench.sh" "$here/bench-table.sh" "$here/summarize.py" "$repo/benchmarks/minibatch/competing.csx" "$repo/examples/krotov-hopfield.csx" "$kit/"
    # MNIST for the Krotov–Hopfield run: the GPU machine may have no network to fetch it.
    local mnist=${DENDRA_DATA:-$HOME/.cache/dendra}/mnist file
    if [[ -f $mnist/train-images-idx3-ubyte ]]; then
        mkdir -p "$kit/data/mnist"
        for file in "$mnist"/*-ubyte; do gzip -c "$file" > "$kit/data/mnist/$(basename "$file").gz"; done
    else
        echo "no MNIST in $mnist (run \`dendra data mnist\` first): the kit will skip the Krotov–Hopfield run" >&2
    fi
    # The ICD loader (libOpenCL.so.1) is not part of the NVIDIA driver on every machine; bring this one along.
    local loader
    loader=$(ldconfig -p | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')
    if [[ -n $loader ]]; then
        mkdir -p "$kit/lib"
        cp -L "$loader" "$kit/lib/libOpenCL.so.1"
    fi
    echo "kit in $kit ($(du -sh "$kit" | cut -f1)); copy it to the GPU machine and run $kit/gpu-bench.sh run" >&2
}

# Makes the NVIDIA OpenCL driver visible to the ICD loader: /etc/OpenCL/vendors/nvidia.icd where we may write it,
# otherwise a private vendors folder through OCL_ICD_VENDORS.
register_nvidia() {
    if grep -qs nvidia /etc/OpenCL/vendors/*.icd; then return; fi
    local driver
    driver=$( (ldconfig -p 2>/dev/null | awk '/libnvidia-opencl\.so\.1/ {print $NF; exit}') || true)
    [[ -z $driver ]] && driver=$(find /usr/lib /usr/lib64 /usr/local/nvidia /usr/lib/x86_64-linux-gnu -name 'libnvidia-opencl.so.1' 2>/dev/null | head -n 1 || true)
    if [[ -z $driver ]]; then
        echo "no libnvidia-opencl.so.1 found: is the NVIDIA driver installed? Running with the OpenCL devices already registered." >&2
        return
    fi
    if mkdir -p /etc/OpenCL/vendors 2>/dev/null && echo "$driver" > /etc/OpenCL/vendors/nvidia.icd 2>/dev/null; then
        echo "registered $driver in /etc/OpenCL/vendors/nvidia.icd" >&2
    else
        local vendors="$PWD/opencl-vendors"
        mkdir -p "$vendors"
        echo "$driver" > "$vendors/nvidia.icd"
        cp /etc/OpenCL/vendors/*.icd "$vendors/" 2>/dev/null || true
        export OCL_ICD_VENDORS="$vendors"
        echo "registered $driver through OCL_ICD_VENDORS=$vendors" >&2
    fi
}

# The minibatch network (784 → 2000 competing hidden units) at each batch size in BATCHES, on the device and on the
# CPU backend, for BATCH_DURATION of simulated time; the summary lines go to OUT_DIR/minibatch.md.
minibatches() {
    local out=$1 backend batch line
    {
        echo "| backend | B | steps | run s | steps/s | instance-steps/s |"
        echo "|---|---:|---:|---:|---:|---:|"
        for backend in opencl cpu; do
            for batch in ${BATCHES:-1 10 100}; do
                local args=(run "$here/competing.csx" --set "batch=$batch" --duration "${BATCH_DURATION:-100ms}" --backend "$backend" -q)
                [[ $backend == opencl ]] && args+=(--device "$DEVICE")
                "$here/dendra/dendra" "${args[@]}" > "$out/minibatch-$backend-$batch.txt" 2>&1 || { echo "| $backend | $batch | failed: see minibatch-$backend-$batch.txt | | | |"; continue; }
                # "simulated 100 ms (1000 steps of 0.1 ms) …" and "wall time … run 1.234 s …"
                local steps run
                steps=$(sed -n 's/^simulated .*(\([0-9]*\) steps of.*/\1/p' "$out/minibatch-$backend-$batch.txt")
                run=$(sed -n 's/^wall time .*run \([0-9.]*\) s.*/\1/p' "$out/minibatch-$backend-$batch.txt")
                awk -v b="$backend" -v n="$batch" -v s="$steps" -v r="$run" 'BEGIN { printf "| %s | %d | %d | %.3f | %.1f | %.0f |\n", b, n, s, r, s / r, s * n / r }'
            done
        done
    } > "$out/minibatch.md"
    cat "$out/minibatch.md"
}

# Krotov & Hopfield's fast rule (examples/krotov-hopfield.csx, --variant fast) at 2000 units, p = 3, k = 7, minibatch
# 100, one epoch without the readout, with the rule on the OpenCL device and on the CPU; the epoch lines go to
# OUT_DIR/krotov-hopfield.md. MNIST is unpacked from the kit into OUT_DIR/data.
krotov_hopfield() {
    local out=$1 device name file target
    if [[ ! -d $here/data/mnist ]]; then
        echo "no MNIST in the kit (publish copies it from the dendra data cache): the Krotov–Hopfield run is skipped" >&2
        return
    fi
    mkdir -p "$out/data/mnist"
    for file in "$here"/data/mnist/*.gz; do
        target="$out/data/mnist/$(basename "$file" .gz)"
        [[ -f $target ]] || gunzip -c "$file" > "$target"
    done
    {
        echo "| fast rule on | images | epoch s | samples/s |"
        echo "|---|---:|---:|---:|"
        for device in "opencl:$DEVICE" cpu; do
            name=${device%%:*}
            DENDRA_DATA="$out/data" "$here/dendra/dendra" run "$here/krotov-hopfield.csx" --set hidden=2000 --set p=3 --set k=7 \
                --set epochs=1 --set readout=false --set "samples=${KH_SAMPLES:-60000}" --set "device=$device" \
                --set "mosaic=$out/krotov-hopfield-$name.png" > "$out/krotov-hopfield-$name.txt" 2>&1 \
                || { echo "| $name | failed: see krotov-hopfield-$name.txt | | |"; continue; }
            # "epoch 1: 12.34 s, 4862 samples/s"
            sed -n 's/^epoch 1: \([0-9.]*\) s, \([0-9]*\) samples\/s.*/| '"$name"' | '"${KH_SAMPLES:-60000}"' | \1 | \2 |/p' "$out/krotov-hopfield-$name.txt"
        done
    } > "$out/krotov-hopfield.md"
    cat "$out/krotov-hopfield.md"
}

run() {
    local out
    out=$(realpath -m "${1:-gpu-results}")
    mkdir -p "$out"
    register_nvidia
    # Use the kit's ICD loader only where the machine has none of its own.
    if ! ldconfig -p 2>/dev/null | grep -q 'libOpenCL\.so\.1' && [[ -d $here/lib ]]; then
        export LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    fi
    export DEVICE=${DEVICE:-gpu}
    "$here/dendra/dendra" devices
    "$here/bench-table.sh" "$out" "$here/dendra/dendra"
    minibatches "$out"
    krotov_hopfield "$out"
    echo "results in $out (summary.md, machine.txt, one JSON file per case)" >&2
}

case "${1:-}" in
    publish) shift; publish "$@" ;;
    run) shift; run "$@" ;;
    *) echo "usage: $0 publish [KIT_DIR] | run [OUT_DIR]" >&2; exit 2 ;;
esac
