using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Execution;

/// <summary>What observers of a run (recorders) may read from a backend at the end of a step.</summary>
internal interface IStepState
{
    /// <summary>Neurons of <paramref name="population"/> that spiked in this step, ascending.</summary>
    ReadOnlySpan<int> SpikesOf(Population population);

    /// <summary>Copies <paramref name="variable"/> of the given neurons into <paramref name="into"/>.</summary>
    void Gather(Population population, string variable, IReadOnlyList<int> neurons, Span<double> into);

    /// <summary>A copy of a projection's synaptic variable, with each synapse's pre and post neuron.</summary>
    (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable);
}
