# Shared by the cross-check scripts (sourced, not run): checks that Brian2 is there, builds Dendra's command, and
# defines `one WHO COMMAND…`, which runs one simulator, keeps its JSON line tagged with WHO in "$out", and on failure
# shows the end of its stderr and stops.
command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import brian2' 2>/dev/null || {
    echo "Brian2 is missing: apt-get install -y python3-brian" >&2; exit 1; }
dotnet build -c Release src/Cli -v q >/dev/null
out=$(mktemp); err=$(mktemp)
one() {
    local who=$1; shift
    if ! "$@" 2>"$err" | grep '^{' | sed "s/^/$who /" | tee -a "$out"; then
        echo "$who failed: $*" >&2; tail -n 20 "$err" >&2; exit 1
    fi
}
