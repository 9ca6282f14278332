#!/usr/bin/python3
"""CUBA network (Brette et al. 2007, benchmark 2) in Brian2 -- peer reference
for Dendra's examples/cuba.csx.

Model and parameters follow Brian2's examples/CUBA.py; the scaled variant
(--syn-per-neuron K, p = K/N) follows CUBAFixedConnectivity in Brian2's speed
suite (brian2/tests/features/speed.py), except that here ge/gi keep decaying
during the refractory period, as in examples/CUBA.py.

Run with Debian's interpreter (/usr/bin/python3, package python3-brian), not a
pyenv/venv python without brian2. See benchmarks/brian2/README.md.
"""
import time

_T0 = time.perf_counter()  # before importing brian2: "total" includes the import

import argparse
import json
import os
import sys
import tempfile
import warnings

# Debian's Cython imports pythran, which emits numpy FutureWarnings on import.
warnings.filterwarnings('ignore', category=FutureWarning, module=r'pythran(\..*)?$')


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, default=4000,
                    help='number of neurons (80%% exc, 20%% inh); default 4000')
    g = ap.add_mutually_exclusive_group()
    g.add_argument('--p', type=float, default=None,
                   help='connection probability (default 0.02, as in examples/CUBA.py)')
    g.add_argument('--syn-per-neuron', type=float, default=None, metavar='K',
                   help='use p = K/n (K=80 reproduces p=0.02 at n=4000; '
                        'this is the scaling used by Brian2\'s speed suite)')
    ap.add_argument('--duration', type=float, default=1.0,
                    help='biological time in seconds; default 1.0')
    ap.add_argument('--target', choices=['numpy', 'cython', 'cpp_standalone'],
                    default='cython')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--build-dir', default=None,
                    help='cpp_standalone project directory (default '
                         '$TMPDIR/dendra_brian2_cuba/n<N>_p<P>). Re-using the '
                         'same directory makes later runs "warm": unchanged '
                         'sources are not rewritten, so make recompiles nothing '
                         '(or only main.cpp if e.g. --seed/--duration changed).')
    ap.add_argument('--cython-cache-dir', default=None,
                    help='Cython extension cache (default ~/.cython/brian_extensions)')
    ap.add_argument('--build-only', action='store_true',
                    help='cpp_standalone only: generate and compile the project in '
                         '--build-dir but do not run it (use this to make a later, '
                         'identical invocation "warm" without paying for a simulation)')
    ap.add_argument('--json', action='store_true',
                    help='print exactly one JSON line instead of the text report')
    return ap.parse_args(argv)


def isi_cv(i, t, n):
    """Mean (over neurons with >= 3 spikes) of the ISI coefficient of variation
    std(ISI)/mean(ISI) (population std, ddof=0). Returns (mean_cv, n_neurons_used)."""
    import numpy as np
    if len(i) == 0:
        return float('nan'), 0
    order = np.argsort(i, kind='stable')  # SpikeMonitor is time-ordered; stable keeps that
    i_s = i[order]
    t_s = t[order]
    counts = np.bincount(i_s, minlength=n)
    isi = np.diff(t_s)
    same = i_s[1:] == i_s[:-1]
    isi = isi[same]
    owner = i_s[1:][same]
    n_isi = np.bincount(owner, minlength=n).astype(float)
    s1 = np.bincount(owner, weights=isi, minlength=n)
    s2 = np.bincount(owner, weights=isi * isi, minlength=n)
    use = counts >= 3
    if not np.any(use):
        return float('nan'), 0
    mean = s1[use] / n_isi[use]
    var = np.maximum(s2[use] / n_isi[use] - mean * mean, 0.0)
    cv = np.sqrt(var) / mean
    return float(np.mean(cv)), int(np.count_nonzero(use))


def main(argv=None):
    args = parse_args(argv)
    n = args.n
    if args.syn_per_neuron is not None:
        p = args.syn_per_neuron / n
    elif args.p is not None:
        p = args.p
    else:
        p = 0.02
    if args.build_only and args.target != 'cpp_standalone':
        sys.exit('--build-only needs --target cpp_standalone')
    if not 0.0 < p <= 1.0:
        sys.exit(f'connection probability p={p} out of range')

    import numpy as np
    import brian2 as b2
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, mV, ms,
                        second, prefs, set_device, device, defaultclock)

    b2.BrianLogger.log_level_warn()
    t_import = time.perf_counter() - _T0

    build_dir = None
    if args.target == 'cpp_standalone':
        build_dir = args.build_dir or os.path.join(
            tempfile.gettempdir(), 'dendra_brian2_cuba', f'n{n}_p{p:.6g}')
        build_dir = os.path.abspath(build_dir)
        if args.build_only:
            set_device('cpp_standalone', build_on_run=False)
        else:
            set_device('cpp_standalone', directory=build_dir, build_on_run=True)
    else:
        prefs.codegen.target = args.target
        if args.cython_cache_dir:
            prefs.codegen.runtime.cython.cache_dir = args.cython_cache_dir

    defaultclock.dt = 0.1 * ms
    b2.seed(args.seed)

    taum = 20 * ms
    taue = 5 * ms
    taui = 10 * ms
    Vt = -50 * mV
    Vr = -60 * mV
    El = -49 * mV
    we = (60 * 0.27 / 10) * mV  # excitatory synaptic weight (voltage)
    wi = (-20 * 4.5 / 10) * mV  # inhibitory synaptic weight
    n_exc = int(0.8 * n)
    n_inh = n - n_exc

    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    ns = dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El, we=we, wi=wi)

    t_build0 = time.perf_counter()
    P = NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms,
                    method='exact', namespace=ns)
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    Ce = Synapses(P, P, on_pre='ge += we', namespace=ns)
    Ci = Synapses(P, P, on_pre='gi += wi', namespace=ns)
    Ce.connect(f'i<{n_exc}', p=p)
    Ci.connect(f'i>={n_exc}', p=p)
    s_mon = SpikeMonitor(P)
    net = Network(P, Ce, Ci, s_mon)
    t_setup = time.perf_counter() - t_build0  # runtime: includes connect(); standalone: only queued

    t_run0 = time.perf_counter()
    net.run(args.duration * second, namespace=ns)
    if args.build_only:
        # Same code generation as build_on_run=True would do, minus running 'main'.
        device.build(directory=build_dir, compile=True, run=False)
        res = {'simulator': 'brian2', 'brian2_version': b2.__version__,
               'target': args.target, 'n': n, 'p': p, 'seed': args.seed,
               'duration_s': float(args.duration), 'build_only': True,
               'build_dir': build_dir,
               'standalone_make_s': device.timers['compile']['make'],
               'wall_build_s': time.perf_counter() - t_run0,
               'wall_total_s': time.perf_counter() - _T0}
        print(json.dumps(res) if args.json else
              f"built {build_dir} (make {res['standalone_make_s']:.3f} s, "
              f"codegen+make {res['wall_build_s']:.3f} s); not run", flush=True)
        return
    t_run = time.perf_counter() - t_run0

    t_post0 = time.perf_counter()
    i = np.asarray(s_mon.i[:], dtype=np.int64)
    t = np.asarray(s_mon.t[:] / second, dtype=np.float64)
    n_syn = int(len(Ce) + len(Ci))
    n_spikes = int(len(i))
    dur = float(args.duration)
    n_exc_spikes = int(np.count_nonzero(i < n_exc))
    rate_exc = n_exc_spikes / (n_exc * dur)
    rate_inh = (n_spikes - n_exc_spikes) / (n_inh * dur) if n_inh else float('nan')
    rate_all = n_spikes / (n * dur)
    cv, cv_n = isi_cv(i, t, n)
    t_post = time.perf_counter() - t_post0

    res = {
        'simulator': 'brian2', 'brian2_version': b2.__version__,
        'target': args.target, 'n': n, 'n_exc': n_exc, 'n_inh': n_inh,
        'p': p, 'synapses': n_syn, 'syn_per_neuron': n_syn / n,
        'duration_s': dur, 'dt_ms': 0.1, 'seed': args.seed,
        'spikes': n_spikes,
        'rate_exc_hz': rate_exc, 'rate_inh_hz': rate_inh, 'rate_all_hz': rate_all,
        'isi_cv_mean': cv, 'isi_cv_neurons': cv_n,
        'wall_import_s': t_import, 'wall_setup_s': t_setup,
        'wall_run_s': t_run, 'wall_post_s': t_post,
    }
    if args.target == 'cpp_standalone':
        tm = device.timers
        res['build_dir'] = build_dir
        res['standalone_make_s'] = tm['compile']['make']
        res['standalone_binary_s'] = tm['run_binary']
        # time of the simulation loop as measured inside the generated binary
        res['standalone_sim_loop_s'] = getattr(device, '_last_run_time', None)
    elif args.target == 'cython':
        res['cython_cache_dir'] = (prefs.codegen.runtime.cython.cache_dir
                                   or os.path.expanduser('~/.cython/brian_extensions'))
    res['wall_total_s'] = time.perf_counter() - _T0

    if args.json:
        print(json.dumps(res), flush=True)
    else:
        print(f"Brian2 {res['brian2_version']} CUBA, target={args.target}, seed={args.seed}")
        print(f"neurons        {n} ({n_exc} exc, {n_inh} inh), p={p:.6g}, "
              f"synapses {n_syn} ({n_syn / n:.1f}/neuron)")
        print(f"duration       {dur} s biological, dt 0.1 ms")
        print(f"spikes         {n_spikes}")
        print(f"mean rate      exc {rate_exc:.3f} Hz, inh {rate_inh:.3f} Hz, all {rate_all:.3f} Hz")
        print(f"ISI CV         {cv:.4f} (mean over {cv_n} neurons with >= 3 spikes)")
        print(f"wall run()     {t_run:.3f} s")
        if args.target == 'cpp_standalone':
            print(f"  of which     make {res['standalone_make_s']:.3f} s, binary "
                  f"{res['standalone_binary_s']:.3f} s (sim loop "
                  f"{res['standalone_sim_loop_s']:.3f} s); build dir {build_dir}")
        print(f"wall total     {res['wall_total_s']:.3f} s "
              f"(import {t_import:.3f} s, setup {t_setup:.3f} s, post {t_post:.3f} s; "
              f"excludes interpreter start-up)")


if __name__ == '__main__':
    main()
