using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// One small model written twice: as a Dendra network and as the Brian2 code of the same model, with what both must
/// record. The two sides meet by name: a Dendra population or projection called <c>G</c> is the Brian2 object bound to
/// the Python variable <c>G</c>, so the names must be Python identifiers.
/// </summary>
/// <param name="Name">Unique name, <c>topic.what_it_checks</c>; shown as the test case.</param>
internal sealed record DifferentialCase(string Name)
{
    /// <summary>Time step of both simulators, seconds.</summary>
    public double Dt { get; init; } = 0.1 * ms;

    /// <summary>Steps both simulators run.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Adds the model's populations and projections to an empty float64 network (names as in <see cref="Brian"/>).</summary>
    public required Action<Network> Dendra { get; init; }

    /// <summary>
    /// Python that builds the same model with Brian2 inside a fresh scope whose <c>defaultclock.dt</c> is <see cref="Dt"/>.
    /// It must not draw random numbers, create monitors or run: the generated script adds those.
    /// </summary>
    public required string Brian { get; init; }

    /// <summary>Neuron variables (state, input, parameter or sub-expression) sampled at the end of every step.</summary>
    public IReadOnlyList<TraceRequest> Traces { get; init; } = [];

    /// <summary>Populations whose spikes are compared as (neuron, step) pairs.</summary>
    public IReadOnlyList<string> Spikes { get; init; } = [];

    /// <summary>Synaptic variables sampled at the end of every step, synapse by synapse.</summary>
    public IReadOnlyList<SynapseTraceRequest> SynapseTraces { get; init; } = [];

    /// <summary>Population rates compared step by step and averaged in bins.</summary>
    public IReadOnlyList<RateRequest> Rates { get; init; } = [];

    /// <summary>
    /// The Brian2 schedule, when the case must align it with Dendra's phase order (see <see cref="BrianSchedules"/>);
    /// null keeps Brian2's default. Every use is a convention difference the case's comment names.
    /// </summary>
    public IReadOnlyList<string>? BrianSchedule { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
