// Record a plastic network, read the recording back, and replay its spikes into a new network.
//
//   dendra run examples/record-and-replay.csx --duration 2s
//   dendra info stdp.dnr; dendra plot stdp.dnr --what weights
//
// Writes stdp.dnr (spikes, rates, v of 5 neurons, STDP weight snapshots) and stdp.ckpt (a checkpoint of the
// end state) into the working directory. See docs/recording.md.

var net = new Network(dt: 0.1 * ms, seed: 11);
var input = net.AddPoisson("input", 200, 15.0);
var cells = net.AddPopulation("cells", 100, Lif.Cuba());
var stdp = net.Connect(input, cells, PairStdp.Synapse("ge", wmax: 1 * mV), Connectivity.FixedProbability(0.2),
    weight: "rand()*1*mV", delay: 1 * ms);

var what = RecordingSelection.Default(net)
    .WithState(cells, "v", [0, 1, 2, 3, 4])
    .WithWeights(stdp, every: 1000);                 // a snapshot every 100 ms
using (var recorder = net.RecordTo("stdp.dnr", what))   // the file is created when Run builds the network
{
    Run(net, 1 * second);
    recorder.Mark("end of learning");
}
net.SaveCheckpoint("stdp.ckpt");                   // LoadCheckpoint on the same network built again resumes here

var recording = RecordingReader.Open("stdp.dnr");
var snapshots = recording.ReadWeights(stdp.Name);
Console.WriteLine($"recorded {recording.Duration * 1e3:0} ms: {recording.SpikeCount("cells")} spikes of cells, " +
    $"{snapshots.Count} weight snapshots, mean w {snapshots[0].Values.Average() / mV:0.0000} → {snapshots[^1].Values.Average() / mV:0.0000} mV");

// The recorded cells drive a new readout population.
var replay = new Network(dt: recording.Header.Dt);
var replayed = replay.AddRecordedSpikes("cells-replayed", recording, "cells");
var readout = replay.AddPopulation("readout", 10, Lif.CurrentBased());
replay.Connect(replayed, readout, "I_e", Connectivity.AllToAll(), weight: 100 * pA);
Run(replay, recording.Duration);
recording.Dispose();
