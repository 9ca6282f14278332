using System.Globalization;
using System.Reflection;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Recording;

/// <summary>Describes a network and a selection as a <see cref="RecordingHeader"/>.</summary>
internal static class RecordingDescription
{
    public static RecordingHeader Header(Network network, RecordingSelection what) => new()
    {
        DendraVersion = typeof(Network).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        Dt = network.Dt,
        Seed = network.Seed,
        Precision = network.Precision == Precision.Single ? "float32" : "float64",
        Backend = network.IsBuilt ? network.BackendDescription : network.Backend.ToString().ToLowerInvariant(),
        StartTime = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        StartStep = network.Step,
        Populations = network.Populations.Select(Describe).ToArray(),
        Projections = network.Projections.Select(Describe).ToArray(),
        SpikeStreams = what.Spikes.Select(p => p.Index).ToArray(),
        RateStreams = what.Rates.Select(p => p.Index).ToArray(),
        StateStreams = what.States.Select(s => new StateStream { Population = s.Population.Index, Variable = s.Variable, Neurons = s.Neurons, Every = s.Every }).ToArray(),
        WeightStreams = what.Weights.Select(w => new WeightStream { Projection = w.Projection.Index, Variable = w.Variable, Every = w.Every }).ToArray(),
    };

    private static PopulationDescription Describe(Population p)
    {
        var model = p.Model;
        var equations = model.Equations.Select(e => e.Source).ToList();
        if (model.ThresholdSource is { } threshold) equations.Add($"threshold: {threshold}");
        equations.AddRange(model.Reset.Select(r => $"reset: {r.Source}"));
        if (model.RefractorySeconds > 0) equations.Add(FormattableString.Invariant($"refractory: {model.RefractorySeconds:R} s"));
        return new PopulationDescription
        {
            Name = p.Name,
            Size = p.Size,
            Model = model.Name,
            Parameters = model.Parameters.ToDictionary(q => q.Name, q => p.ParameterValue(q.Name).ToString()),
            StateVariables = model.StateVariables.ToArray(),
            Equations = equations.ToArray(),
        };
    }

    private static ProjectionDescription Describe(Projection pr) => new()
    {
        Name = pr.Name,
        Pre = pr.Pre.Population.Index,
        PreStart = pr.Pre.Start,
        PreCount = pr.Pre.Count,
        Post = pr.Post.Population.Index,
        PostStart = pr.Post.Start,
        PostCount = pr.Post.Count,
        Synapse = pr.Synapse.Name,
        Connectivity = pr.Connectivity.ToString(),
        Initial = pr.InitialValues.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
        Delay = pr.Delay.ToString(),
        SynapseCount = pr.SynapseCount,
    };
}
