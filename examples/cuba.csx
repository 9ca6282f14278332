// CUBA: the current-based network of Brette et al. (2007), benchmark 2 (after Vogels & Abbott 2005).
// 4000 leaky integrate-and-fire neurons, 80% excitatory, randomly connected with p = 0.02; the
// synaptic "currents" ge, gi are voltages that jump by we or wi at each spike and decay exponentially.
//
//   dendra run examples/cuba.csx
//   dendra run examples/cuba.csx --duration 200ms --seed 3
//   dendra run examples/cuba.csx --set N=16000 --set synapsesPerNeuron=80   (p = 80/N, as Brian2's speed suite)
//
// Reference: benchmarks/brian2/cuba.py runs the same network in Brian2.

var N = Param("N", 4000);
var synapsesPerNeuron = Param("synapsesPerNeuron", 0.0);   // 0: p = 0.02
var p = synapsesPerNeuron > 0 ? synapsesPerNeuron / N : 0.02;
var nExc = (int)(0.8 * N);
var nInh = N - nExc;

var we = (60 * 0.27 / 10) * mV;    // excitatory weight: 1.62 mV
var wi = (-20 * 4.5 / 10) * mV;    // inhibitory weight: -9 mV

// The CUBA neuron (Dendra.Neurons.Lif.Cuba()):
//   dv/dt = (ge + gi - (v - E_L))/tau_m : unless refractory     tau_m 20 ms, E_L -49 mV
//   dge/dt = -ge/tau_e                                         tau_e 5 ms
//   dgi/dt = -gi/tau_i                                         tau_i 10 ms
//   spike when v > V_th (-50 mV), then v = V_reset (-60 mV), refractory 5 ms; v starts uniform in [V_reset, V_th).
var cuba = Lif.Cuba();

var net = new Network(dt: 0.1 * ms);
var P = net.AddPopulation("P", N, cuba);
net.Connect(P.Slice(0, nExc), P, "ge", Connectivity.FixedProbability(p), weight: we);
net.Connect(P.Slice(nExc, nInh), P, "gi", Connectivity.FixedProbability(p), weight: wi);
var spikes = net.MonitorSpikes(P);

Run(net, 1 * second);

// Excitatory and inhibitory rates, as benchmarks/brian2/cuba.py reports them.
var counts = spikes.CountsPerNeuron();
var T = net.Time;
var excRate = counts.Take(nExc).Sum() / (nExc * T);
var inhRate = nInh > 0 ? counts.Skip(nExc).Sum() / (nInh * T) : double.NaN;
Console.WriteLine($"p = {p:0.#####}; mean rate exc {excRate:0.00} Hz, inh {inhRate:0.00} Hz");
