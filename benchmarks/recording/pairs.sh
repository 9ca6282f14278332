#!/usr/bin/env bash
# Alternating pairs of CUBA 4000 for 60 s, unrecorded and recorded (spikes, rates, v of 10 neurons every step), for
# docs/benchmarks.md. Odd pairs run the unrecorded run first, even pairs the recorded one. One line per run:
#   LABEL WALL_S load=LOAD1 | stepping ..., recorder on the simulation thread ... (…%), writer thread ...
# Usage (from the repository root, after dotnet build -c Release src/Cli):
#   PAIRS=16 benchmarks/recording/pairs.sh > pairs.log; python3 benchmarks/recording/pair-stats.py pairs.log
set -euo pipefail
dll=src/Cli/bin/Release/net10.0/dendra.dll
file=$(mktemp --suffix=.dnr)
trap 'rm -f "$file"' EXIT
run() {
  local label=$1; shift
  local out; out=$( { /usr/bin/time -f "TIME %e" dotnet $dll run benchmarks/recording/cuba-recorded.csx --duration 60s --quiet "$@"; } 2>&1 )
  echo "$label $(echo "$out" | sed -n 's/^TIME //p') load=$(cut -d' ' -f1 /proc/loadavg) | $(echo "$out" | grep '^stepping')"
}
for i in $(seq 1 "${PAIRS:-16}"); do
  if (( i % 2 )); then run plain; run recorded --set record="$file"
  else run recorded --set record="$file"; run plain; fi
done
