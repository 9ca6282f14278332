// COBAHH: Brette et al. (2007), benchmark 3. 4000 Hodgkin–Huxley neurons (Traub–Miles kinetics,
// 20 000 µm² of membrane) with conductance synapses, 80% excitatory, connected with p = 0.02,
// integrated with exponential Euler at dt = 0.1 ms.
//
//   dendra run examples/cobahh.csx
//   dendra run examples/cobahh.csx --duration 200ms --precision double
//
// The neuron is Dendra.Neurons.HodgkinHuxley.Cobahh(): C_m 200 pF, g_L 10 nS, E_L -60 mV, g_Na 20 µS,
// g_K 6 µS, E_Na 50 mV, E_K -90 mV, V_T -63 mV, E_e 0 mV, E_i -80 mV, tau_e 5 ms, tau_i 10 ms; a spike is
// counted when v crosses -20 mV (refractory 3 ms, so one crossing is one spike).

var N = Param("N", 4000);
var nExc = (int)(0.8 * N);
var nInh = N - nExc;
var we = Param("we", 6 * nS);    // excitatory synaptic weight
var wi = Param("wi", 67 * nS);   // inhibitory synaptic weight

var net = new Network(dt: 0.1 * ms);
var P = net.AddPopulation("P", N, HodgkinHuxley.Cobahh());
net.Connect(P.Slice(0, nExc), P, "ge", Connectivity.FixedProbability(0.02), weight: we);
net.Connect(P.Slice(nExc, nInh), P, "gi", Connectivity.FixedProbability(0.02), weight: wi);
var spikes = net.MonitorSpikes(P);

Run(net, 1 * second);

var counts = spikes.CountsPerNeuron();
Console.WriteLine($"mean rate exc {counts.Take(nExc).Sum() / (nExc * net.Time):0.00} Hz, inh {counts.Skip(nExc).Sum() / (nInh * net.Time):0.00} Hz");
