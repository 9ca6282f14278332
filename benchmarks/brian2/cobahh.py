#!/usr/bin/python3
"""COBAHH network (Brette et al. 2007, benchmark 3) in Brian2 -- peer reference
for Dendra's HodgkinHuxley.Cobahh() / Brette2007.Cobahh (examples/cobahh.csx).

Model and parameters follow Brian2's examples/COBAHH.py: 4000 Traub-Miles
Hodgkin-Huxley neurons (20 000 um^2), 80 % excitatory onto ge (6 nS), 20 %
inhibitory onto gi (67 nS), p = 0.02, exponential Euler, dt 0.1 ms, spike when
v > -20 mV, refractory 3 ms (no reset). Initial v = El + (randn()*5 - 5) mV,
ge = (randn()*1.5 + 4)*10 nS, gi = (randn()*12 + 20)*10 nS.

One deliberate difference from the Brian2 example, to match Dendra: the gates
m, n, h start at their steady state alpha/(alpha + beta) for the initial v
(Brian2's example leaves them at 0). --gates zero gives the example's start.

Run with Debian's interpreter (/usr/bin/python3, package python3-brian).
Prints the same JSON keys as cuba.py (--json).
"""
import time

_T0 = time.perf_counter()

import argparse
import json
import os
import sys
import warnings

warnings.filterwarnings('ignore', category=FutureWarning, module=r'pythran(\..*)?$')

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cuba import isi_cv  # noqa: E402  (same ISI CV definition as the CUBA cross-check)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--n', type=int, default=4000, help='number of neurons (80%% exc); default 4000')
    ap.add_argument('--p', type=float, default=0.02, help='connection probability; default 0.02')
    ap.add_argument('--duration', type=float, default=1.0, help='biological time in seconds; default 1.0')
    ap.add_argument('--target', choices=['numpy', 'cython'], default='cython')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--gates', choices=['steady', 'zero'], default='steady',
                    help='initial m, n, h: steady state for the initial v (as Dendra), or 0 (as Brian2\'s example)')
    ap.add_argument('--save', metavar='PREFIX',
                    help='write the network before the run (PREFIX_init.csv: v, ge, gi per neuron in SI units; '
                         'PREFIX_ce.csv, PREFIX_ci.csv: pre, post per synapse, neurons numbered 0..N-1) and the '
                         'spikes after it (PREFIX_spikes.csv: neuron, step)')
    ap.add_argument('--load', metavar='PREFIX',
                    help='run the network in PREFIX_* (as --save writes it, also from Dendra\'s cobahh-stats.csx) '
                         'instead of drawing one; the gates start at steady state')
    ap.add_argument('--json', action='store_true', help='print exactly one JSON line')
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    N, p = args.n, args.p

    import numpy as np
    import brian2 as b2
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, Equations, prefs,
                        defaultclock, mV, ms, nS, siemens, cm, umetre, ufarad, msiemens, second)

    b2.BrianLogger.log_level_warn()
    prefs.codegen.target = args.target
    defaultclock.dt = 0.1 * ms
    b2.seed(args.seed)

    area = 20000 * umetre ** 2
    ns = dict(
        Cm=(1 * ufarad * cm ** -2) * area,          # 200 pF
        gl=(5e-5 * siemens * cm ** -2) * area,       # 10 nS
        El=-60 * mV, EK=-90 * mV, ENa=50 * mV,
        g_na=(100 * msiemens * cm ** -2) * area,     # 20 uS
        g_kd=(30 * msiemens * cm ** -2) * area,      # 6 uS
        VT=-63 * mV,
        taue=5 * ms, taui=10 * ms, Ee=0 * mV, Ei=-80 * mV,
        we=6 * nS, wi=67 * nS,
    )
    eqs = Equations('''
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    ''')

    n_exc = int(0.8 * N)
    n_inh = N - n_exc
    t_build0 = time.perf_counter()
    P = NeuronGroup(N, model=eqs, threshold='v>-20*mV', refractory=3 * ms,
                    method='exponential_euler', namespace=ns)
    Ce = Synapses(P[:n_exc], P, on_pre='ge+=we', namespace=ns)
    Ci = Synapses(P[n_exc:], P, on_pre='gi+=wi', namespace=ns)
    if args.load:
        init = np.loadtxt(f'{args.load}_init.csv', delimiter=',', ndmin=2)
        ce = np.loadtxt(f'{args.load}_ce.csv', delimiter=',', dtype=np.int64, ndmin=2)
        ci = np.loadtxt(f'{args.load}_ci.csv', delimiter=',', dtype=np.int64, ndmin=2)
        Ce.connect(i=ce[:, 0], j=ce[:, 1])
        Ci.connect(i=ci[:, 0] - n_exc, j=ci[:, 1])
        P.v = init[:, 0] * b2.volt
        P.ge = init[:, 1] * siemens
        P.gi = init[:, 2] * siemens
    else:
        Ce.connect(p=p)
        Ci.connect(p=p)
        P.v = 'El + (randn() * 5 - 5)*mV'
        P.ge = '(randn() * 1.5 + 4) * 10.*nS'
        P.gi = '(randn() * 12 + 20) * 10.*nS'
    if args.gates == 'steady' or args.load:
        P.m = 'alpha_m/(alpha_m + beta_m)'
        P.n = 'alpha_n/(alpha_n + beta_n)'
        P.h = 'alpha_h/(alpha_h + beta_h)'
    if args.save:
        np.savetxt(f'{args.save}_init.csv', np.c_[P.v[:] / b2.volt, P.ge[:] / siemens, P.gi[:] / siemens],
                   delimiter=',', fmt='%.17g')
        np.savetxt(f'{args.save}_ce.csv', np.c_[Ce.i[:], Ce.j[:]], delimiter=',', fmt='%d')
        np.savetxt(f'{args.save}_ci.csv', np.c_[Ci.i[:] + n_exc, Ci.j[:]], delimiter=',', fmt='%d')
    s_mon = SpikeMonitor(P)
    net = Network(P, Ce, Ci, s_mon)
    t_setup = time.perf_counter() - t_build0

    t_run0 = time.perf_counter()
    net.run(args.duration * second, namespace=ns)
    t_run = time.perf_counter() - t_run0

    i = np.asarray(s_mon.i[:], dtype=np.int64)
    t = np.asarray(s_mon.t[:] / second, dtype=np.float64)
    if args.save:
        np.savetxt(f'{args.save}_spikes.csv', np.c_[i, np.round(t / 1e-4).astype(np.int64)], delimiter=',', fmt='%d')
    dur = float(args.duration)
    n_spikes = int(len(i))
    n_exc_spikes = int(np.count_nonzero(i < n_exc))
    cv, cv_n = isi_cv(i, t, N)
    res = {
        'simulator': 'brian2', 'brian2_version': b2.__version__, 'model': 'cobahh',
        'target': args.target, 'n': N, 'n_exc': n_exc, 'n_inh': n_inh, 'p': p,
        'synapses': int(len(Ce) + len(Ci)), 'duration_s': dur, 'dt_ms': 0.1, 'seed': args.seed,
        'gates': args.gates, 'loaded': args.load, 'spikes': n_spikes,
        'rate_exc_hz': n_exc_spikes / (n_exc * dur),
        'rate_inh_hz': (n_spikes - n_exc_spikes) / (n_inh * dur) if n_inh else float('nan'),
        'rate_all_hz': n_spikes / (N * dur),
        'isi_cv_mean': cv, 'isi_cv_neurons': cv_n,
        'wall_setup_s': t_setup, 'wall_run_s': t_run, 'wall_total_s': time.perf_counter() - _T0,
    }
    if args.json:
        print(json.dumps(res), flush=True)
    else:
        print(f"Brian2 {res['brian2_version']} COBAHH, target={args.target}, seed={args.seed}, gates={args.gates}")
        print(f"neurons        {N} ({n_exc} exc, {n_inh} inh), p={p:.6g}, synapses {res['synapses']}")
        print(f"duration       {dur} s biological, dt 0.1 ms")
        print(f"spikes         {n_spikes}")
        print(f"mean rate      exc {res['rate_exc_hz']:.3f} Hz, inh {res['rate_inh_hz']:.3f} Hz, "
              f"all {res['rate_all_hz']:.3f} Hz")
        print(f"ISI CV         {cv:.4f} (mean over {cv_n} neurons with >= 3 spikes)")
        print(f"wall           setup {t_setup:.3f} s, run {t_run:.3f} s, total {res['wall_total_s']:.3f} s")


if __name__ == '__main__':
    main()
