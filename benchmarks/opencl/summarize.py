#!/usr/bin/env python3
"""Turns the JSON lines and /usr/bin/time logs that bench-table.sh wrote into the Markdown tables of docs/benchmarks.md."""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
runs, updates, copies = [], [], []
for path in sorted(out.glob("*.json")):
    for line in path.read_text().splitlines():
        row = json.loads(line)
        kind = row.get("kind", "run")
        if kind == "run":
            # Peak RSS as bench read it right after this run, before the neuron-update run and the copy buffers.
            row["peak_rss_mb"] = row["peak_rss_bytes"] / 2**20
            runs.append(row)
        elif kind == "neuron_update":
            updates.append(row)
        else:
            copies.append(row)

size_order = lambda r: (r["network"], r["n"], "opencl" in r["backend"])
def backend(r): return r["backend"].split(" (")[0]
def mega(x): return f"{x / 1e6:,.1f} M"

print("| network | N | synapses | backend | build (s) | run (s) | steps/s | synaptic events/s | rate (Hz) | peak RSS (MB) |")
print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
for r in sorted(runs, key=size_order):
    rss = f"{r['peak_rss_mb']:,.0f}" if r["peak_rss_mb"] else "?"
    print(f"| {r['network']} | {r['n']:,} | {r['synapses']:,} | {backend(r)} | {r['build_s']:.2f} | {r['run_s']:.3f} | "
          f"{r['steps_per_s']:,.0f} | {mega(r['events_per_s'])} | {r['rate_hz']:.2f} | {rss} |")

print()
print("| network | N | backend | bytes/neuron/step (read + written) | steps/s | neuron updates/s | GB/s | copy GB/s | % of copy |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
for r in sorted(updates, key=size_order):
    total = r["read_bytes_per_neuron_step"] + r["written_bytes_per_neuron_step"]
    print(f"| {r['network']} | {r['n']:,} | {backend(r)} | {total} ({r['read_bytes_per_neuron_step']} + {r['written_bytes_per_neuron_step']}) | "
          f"{r['steps_per_s']:,.0f} | {mega(r['neuron_updates_per_s'])} | {r['bytes_per_s'] / 1e9:.2f} | "
          f"{r['copy_bytes_per_s'] / 1e9:.2f} | {100 * r['fraction_of_copy']:.0f}% |")

print()
by_memory = {}
for c in copies:
    by_memory.setdefault(c["memory"], []).append(c["bytes_per_s"] / 1e9)
for memory, values in by_memory.items():
    values.sort()
    print(f"- copy bandwidth of {memory}: median {values[len(values) // 2]:.2f} GB/s, "
          f"range {values[0]:.2f}–{values[-1]:.2f} over {len(values)} measurements")
