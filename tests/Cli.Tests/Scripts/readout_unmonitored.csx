// A readout asked of a population whose activity nobody monitored: fails on line 6 with what to monitor.
var net = new Network();
var hidden = net.AddPopulation("hidden", 5, RateNeuron.Create());
Run(net, 10 * ms);
var readout = new SoftmaxRegression(5, 2);
Console.WriteLine(readout.Predict(PopulationResponses.Latest(hidden)));
