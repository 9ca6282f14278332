// COBA: the conductance-based network of Brette et al. (2007), benchmark 1 (after Vogels & Abbott 2005).
// 4000 leaky integrate-and-fire neurons, 80% excitatory, connected with p = 0.02; each spike opens an
// exponentially decaying conductance (in units of the leak conductance) towards E_e = 0 mV or E_i = -80 mV.
//
//   dendra run examples/coba.csx
//   dendra run examples/coba.csx --duration 500ms --set N=8000
//
// The neuron is Dendra.Neurons.LifConductance.Coba(): tau_m 20 ms, tau_e 5 ms, tau_i 10 ms, E_L = V_reset
// = -60 mV, V_th = -50 mV, refractory 5 ms; v starts at E_L + (5·randn - 5) mV, ge at 4 ± 1.5, gi at 20 ± 12.

var N = Param("N", 4000);
var nExc = (int)(0.8 * N);
var nInh = N - nExc;
var we = Param("we", 0.6);   // excitatory weight, in units of the leak conductance (Brian2's value)
var wi = Param("wi", 6.7);   // inhibitory weight

var net = new Network(dt: 0.1 * ms);
var P = net.AddPopulation("P", N, LifConductance.Coba());
net.Connect(P.Slice(0, nExc), P, "ge", Connectivity.FixedProbability(0.02), weight: we);
net.Connect(P.Slice(nExc, nInh), P, "gi", Connectivity.FixedProbability(0.02), weight: wi);
var spikes = net.MonitorSpikes(P);

Run(net, 1 * second);

var counts = spikes.CountsPerNeuron();
Console.WriteLine($"mean rate exc {counts.Take(nExc).Sum() / (nExc * net.Time):0.00} Hz, inh {counts.Skip(nExc).Sum() / (nInh * net.Time):0.00} Hz; ISI CV {spikes.MeanIsiCv():0.00}");
