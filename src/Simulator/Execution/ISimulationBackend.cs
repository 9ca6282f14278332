using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Execution;

/// <summary>
/// What a backend does with a built network: run steps in the fixed phase order
/// (Inputs → StateUpdate → Threshold/Reset → Propagate → Plasticity → Monitors) and hand back state.
/// </summary>
internal interface ISimulationBackend
{
    /// <summary>Steps run so far.</summary>
    long Step { get; }

    /// <summary>Where it runs, in one line: <c>cpu</c>, <c>opencl: device (platform)</c>, or what runs where on a split placement.</summary>
    string Description { get; }

    /// <summary>Counts the graph shows (spikes per population, synapses per projection), kept by the executor.</summary>
    ExecutionReport Report { get; }

    /// <summary>Runs <paramref name="steps"/> steps.</summary>
    void Run(long steps, Action<RunProgress>? progress);

    /// <summary>A copy of a population's variable, input or sub-expression.</summary>
    double[] Read(Population population, string variable)
    {
        var values = new double[population.Size * population.Network.BatchSize];
        Read(population, variable, values);
        return values;
    }

    /// <summary>Copies a population's variable, input or sub-expression into <paramref name="into"/> (one value per neuron
    /// and instance, instance after instance): no allocation, for loops that read state every step.</summary>
    void Read(Population population, string variable, Span<double> into);

    /// <summary>A tracker of how much <paramref name="watch"/> changes per step in each instance (for runs until settled),
    /// starting from the state as it is now. By default it reads the state; a backend may measure where the state lives.</summary>
    IStateChanges TrackChanges(IReadOnlyList<(Population Population, string Variable)> watch) =>
        new ReadStateChanges(this, watch, watch[0].Population.Network.BatchSize);

    /// <summary>Overwrites a population's state variable with <paramref name="values"/>: one per element (every instance of
    /// a batch, instance after instance), checked by the caller.</summary>
    void Write(Population population, string variable, ReadOnlySpan<double> values);

    /// <summary>A copy of a projection's synaptic variable, with each synapse's pre and post neuron.</summary>
    (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable);

    /// <summary>A rate projection's weights as they are now: row-major [post, pre] when dense, in the order of
    /// <see cref="RateProjection.Values"/> when sparse.</summary>
    double[] ReadWeights(RateProjection projection);

    /// <summary>The integrator chosen for a population.</summary>
    Integrator IntegratorOf(Population population);

    /// <summary>Ends presentation number <paramref name="presentation"/> (1 for the first since the build): applies the rules
    /// of plastic rate projections that learn once per presentation (<see cref="Models.OuterProductRule.AtEndOfPresentation"/>),
    /// from the state at the end of the last step, then the normalisations of spiking projections due at this presentation
    /// (<see cref="ExecutionPlan.Normalisations"/>).</summary>
    void EndPresentation(long presentation);
}
