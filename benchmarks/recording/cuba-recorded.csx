// CUBA 4000 (Brette et al. 2007, benchmark 2) with or without a recording, for docs/benchmarks.md:
//   dendra run benchmarks/recording/cuba-recorded.csx --duration 60s --quiet                        (unrecorded)
//   dendra run benchmarks/recording/cuba-recorded.csx --duration 60s --quiet --set record=cuba.dnr  (recorded)
// The recording holds every spike, the population rate, and v of 10 neurons (--set sampled=N) every step. No in-memory monitor
// is attached, so peak memory shows what the recording costs. The last line gives the stepping time and, when recording,
// the simulation thread's time in the recorder and the writer thread's busy time (measured inside the run).
var record = Param("record", "");
var sampled = Param("sampled", 10);   // neurons whose v is recorded every step
var N = 4000;
var nExc = (int)(0.8 * N);
var net = new Network(dt: 0.1 * ms);
var P = net.AddPopulation("P", N, Lif.Cuba());
net.Connect(P.Slice(0, nExc), P, "ge", Connectivity.FixedProbability(0.02), weight: (60 * 0.27 / 10) * mV);
net.Connect(P.Slice(nExc, N - nExc), P, "gi", Connectivity.FixedProbability(0.02), weight: (-20 * 4.5 / 10) * mV);

Recorder? recorder = null;
if (record.Length > 0)
    recorder = net.RecordTo(record, RecordingSelection.Default(net).WithState(P, "v", Enumerable.Range(0, sampled)));
net.Build();
var clock = System.Diagnostics.Stopwatch.StartNew();
Run(net, 1 * second);
double stepping = clock.Elapsed.TotalSeconds;
recorder?.Dispose();
Console.WriteLine(recorder is null
    ? $"stepping {stepping:0.000} s"
    : $"stepping {stepping:0.000} s, recorder on the simulation thread {recorder.SimulationThreadTime.TotalSeconds:0.000} s " +
      $"({100 * recorder.SimulationThreadTime.TotalSeconds / stepping:0.00}%), writer thread {recorder.WriterTime.TotalSeconds:0.000} s");
