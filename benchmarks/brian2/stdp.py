#!/usr/bin/python3
"""Pair STDP after Song, Miller & Abbott (2000) in Brian2 -- peer reference for
Dendra's PairStdp (benchmarks/stdp/song2000.csx).

Follows Brian2's examples/synapses/STDP.py: 1000 Poisson inputs at 15 Hz onto
one conductance LIF (taum 10 ms, taue 5 ms, Ee 0 mV, vt -54 mV, vr -60 mV,
El -74 mV, no refractory period, method 'euler', dt 0.1 ms); all-to-all pair
STDP with event-driven traces, taupre = taupost = 20 ms, gmax = 0.01,
dApre = 0.01 gmax, dApost = -1.05 dApre, w clipped to [0, gmax], initial
w = rand() * gmax.

One difference from the example, made in Dendra's script too: v starts at vr
(the example leaves it at 0 V, so the neuron fires in the first step).

The run is split into --chunks equal stretches: the output rate over each
stretch and the weight distribution at its end are reported. Prints one JSON
line with --json (same keys as the Dendra script).

Run with Debian's interpreter (/usr/bin/python3, package python3-brian).
"""
import time

_T0 = time.perf_counter()

import argparse
import json
import os
import tempfile
import warnings

warnings.filterwarnings('ignore', category=FutureWarning, module=r'pythran(\..*)?$')


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--inputs', type=int, default=1000, help='number of Poisson inputs; default 1000')
    ap.add_argument('--duration', type=float, default=100.0, help='biological time in seconds; default 100')
    ap.add_argument('--chunks', type=int, default=10, help='stretches to report; default 10')
    ap.add_argument('--target', choices=['numpy', 'cython', 'cpp_standalone'], default='cpp_standalone',
                    help='default cpp_standalone: the runtime targets pay Python overhead on each of the 10^6 steps')
    ap.add_argument('--build-dir', default=os.path.join(tempfile.gettempdir(), 'dendra_brian2_stdp'),
                    help='cpp_standalone project directory (reused: a new seed recompiles only main.cpp)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--input-spikes', metavar='FILE',
                    help='drive the neuron with these input spikes (CSV: input, step) instead of Poisson inputs')
    ap.add_argument('--w0', choices=['rand', 'golden'], default='rand',
                    help='initial weights: rand()*gmax, or the deterministic frac(i*0.618...)*gmax')
    ap.add_argument('--save', metavar='PREFIX',
                    help='write the output spike steps (PREFIX_out.csv) and the final weights (PREFIX_w.csv)')
    ap.add_argument('--json', action='store_true', help='print exactly one JSON line')
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import numpy as np
    import brian2 as b2
    from brian2 import (NeuronGroup, PoissonGroup, Synapses, SpikeMonitor, StateMonitor, SpikeGeneratorGroup, Network, prefs,
                        defaultclock, set_device, mV, ms, Hz, second)

    b2.BrianLogger.log_level_warn()
    if args.target == 'cpp_standalone':
        set_device('cpp_standalone', directory=os.path.abspath(args.build_dir), build_on_run=True)
    else:
        prefs.codegen.target = args.target
    defaultclock.dt = 0.1 * ms
    b2.seed(args.seed)

    taupre = taupost = 20 * ms
    gmax = .01
    dApre = .01
    dApost = -dApre * taupre / taupost * 1.05
    dApost *= gmax
    dApre *= gmax
    ns = dict(taum=10 * ms, Ee=0 * mV, vt=-54 * mV, vr=-60 * mV, El=-74 * mV, taue=5 * ms,
              taupre=taupre, taupost=taupost, gmax=gmax, dApre=dApre, dApost=dApost)

    eqs_neurons = '''
    dv/dt = (ge * (Ee-v) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    '''
    if args.input_spikes:
        sp = np.loadtxt(args.input_spikes, delimiter=',', dtype=np.int64, ndmin=2)
        poisson_input = SpikeGeneratorGroup(args.inputs, sp[:, 0], sp[:, 1] * defaultclock.dt)
    else:
        poisson_input = PoissonGroup(args.inputs, rates=15 * Hz)
    neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler', namespace=ns)
    neurons.v = ns['vr']
    S = Synapses(poisson_input, neurons,
                 '''w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)''',
                 on_pre='''ge += w
                        Apre += dApre
                        w = clip(w + Apost, 0, gmax)''',
                 on_post='''Apost += dApost
                         w = clip(w + Apre, 0, gmax)''',
                 namespace=ns)
    S.connect()
    S.w = 'rand() * gmax' if args.w0 == 'rand' else '(i*0.6180339887498949 - floor(i*0.6180339887498949)) * gmax'
    s_mon = SpikeMonitor(neurons)

    stretch = args.duration / args.chunks
    # Weights at t = 0, stretch, 2 stretch, ... (recorded at the start of those steps, i.e. after the previous
    # stretch); the last stretch's end is read from S.w after the run. Works for every target, standalone included.
    w_mon = StateMonitor(S, 'w', record=np.arange(args.inputs), dt=stretch * second)  # all-to-all: one synapse per input
    net = Network(poisson_input, neurons, S, s_mon, w_mon)
    t_run0 = time.perf_counter()
    net.run(args.duration * second, namespace=ns)
    t_run = time.perf_counter() - t_run0

    spike_t = np.asarray(s_mon.t[:] / second, dtype=np.float64)
    snapshots = [np.asarray(w_mon.w[:, k], dtype=np.float64) for k in range(1, args.chunks)]
    snapshots.append(np.asarray(S.w[:], dtype=np.float64))
    t_s = [stretch * (k + 1) for k in range(args.chunks)]
    edges = np.arange(args.chunks + 1) * stretch
    rates = [float(c) / stretch for c in np.histogram(spike_t, bins=edges)[0]]
    means = [float(w.mean() / gmax) for w in snapshots]
    lows = [float(np.mean(w < 0.1 * gmax)) for w in snapshots]
    highs = [float(np.mean(w > 0.9 * gmax)) for w in snapshots]

    w = np.asarray(S.w[:], dtype=np.float64)
    if args.save:
        np.savetxt(f'{args.save}_out.csv', np.round(spike_t / 1e-4).astype(np.int64), fmt='%d')
        np.savetxt(f'{args.save}_w.csv', w, fmt='%.17g')
    hist = np.bincount(np.minimum((w / gmax * 10).astype(int), 9), minlength=10)
    dur = float(net.t / second)
    res = {
        'simulator': 'brian2', 'brian2_version': b2.__version__, 'model': 'stdp', 'target': args.target,
        'seed': args.seed, 'inputs': args.inputs, 'duration_s': dur, 'spikes': int(len(spike_t)),
        'rate_hz': len(spike_t) / dur, 'rate_last_hz': rates[-1],
        'w_mean_over_gmax': means[-1], 'frac_below_0.1': lows[-1], 'frac_above_0.9': highs[-1],
        'frac_at_0': float(np.mean(w == 0)), 'frac_at_gmax': float(np.mean(w == gmax)),
        'hist10': [int(x) for x in hist], 't_s': t_s, 'rate_hz_per_stretch': rates,
        'w_mean_per_stretch': means, 'frac_below_0.1_per_stretch': lows, 'frac_above_0.9_per_stretch': highs,
        'wall_run_s': t_run, 'wall_total_s': time.perf_counter() - _T0,
    }
    if args.json:
        print(json.dumps(res), flush=True)
    else:
        print(f"Brian2 {res['brian2_version']} STDP (Song et al. 2000), target={args.target}, seed={args.seed}")
        print(f"{args.inputs} Poisson inputs at 15 Hz, {dur} s, dt 0.1 ms")
        for k in range(args.chunks):
            print(f"t {t_s[k]:7.1f} s  rate {rates[k]:6.2f} Hz  w/gmax {means[k]:.3f}  "
                  f"< 0.1 gmax {lows[k]:.3f}  > 0.9 gmax {highs[k]:.3f}")
        print(f"final histogram (10 bins of gmax/10): {res['hist10']}")
        print(f"wall run {t_run:.1f} s, total {res['wall_total_s']:.1f} s")


if __name__ == '__main__':
    main()
