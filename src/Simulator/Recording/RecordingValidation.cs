namespace Dendra.Simulator.Recording;

/// <summary>Checks that what a file says is consistent (indices in range, lengths agreeing) before anything uses it.</summary>
internal static class RecordingValidation
{
    public static void Check(string path, RecordingHeader h)
    {
        void Require(bool ok, string problem)
        {
            if (!ok) throw new RecordingFormatException(path, -1, $"the recording's header is inconsistent: {problem}");
        }
        Require(h.Dt > 0 && double.IsFinite(h.Dt), $"dt is {h.Dt}");
        Require(h.Precision is "float32" or "float64", $"unknown precision '{h.Precision}'");
        Require(h.Populations.All(p => p is not null && p.Size > 0 && p.Name is not null), "a population has no name or no neurons");
        int n = h.Populations.Length;
        Require(h.Projections.All(p => p is not null && p.Pre >= 0 && p.Pre < n && p.Post >= 0 && p.Post < n), "a projection refers to a population that does not exist");
        Require(h.SpikeStreams.All(i => i >= 0 && i < n) && h.RateStreams.All(i => i >= 0 && i < n), "a spike or rate stream refers to a population that does not exist");
        Require(h.StateStreams.All(s => s is not null && s.Population >= 0 && s.Population < n && s.Every >= 1 && s.Variable is not null
            && s.Neurons is not null && s.Neurons.All(k => k >= 0 && k < h.Populations[s.Population].Size)), "a state stream refers to neurons that do not exist");
        Require(h.RateProjections.All(p => p is not null && p.Name is not null && p.Pre >= 0 && p.Pre < n && p.Post >= 0 && p.Post < n && p.PreCount > 0 && p.PostCount > 0
            && (p.FieldWidth == 0 || (long)p.FieldWidth * p.FieldHeight == p.PreCount)), "a rate projection refers to a population that does not exist, or its field shape does not match it");
        Require(h.WeightStreams.All(w => w is not null && w.Projection >= 0 && w.Projection < (w.OfRateProjection ? h.RateProjections.Length : h.Projections.Length) && w.Every >= 1),
            "a weight stream refers to a projection that does not exist");
        Require(h.MetricStreams.All(m => m is not null), "a metric stream has no name");
    }

    public static bool IsDataStream(RecordingHeader h, ChunkKind kind, int stream) => kind switch
    {
        ChunkKind.Spikes => h.SpikeStreams.Contains(stream),
        ChunkKind.Rates => h.RateStreams.Contains(stream),
        ChunkKind.State => stream < h.StateStreams.Length,
        ChunkKind.Weights => stream < h.WeightStreams.Length,
        ChunkKind.Marker => stream == 0,
        ChunkKind.Metric => stream < h.MetricStreams.Length,
        _ => false,
    };

    public static void Check(string path, long offset, RecordingHeader h, Frame frame, object chunk)
    {
        bool ok = chunk switch
        {
            SpikeChunk s => s.StepOffsets is not null && s.Neurons is not null && s.StepOffsets.Length == s.Neurons.Length
                && s.StepOffsets.All(o => o >= 0 && o <= frame.LastStep - frame.FirstStep)
                && s.Neurons.All(k => k >= 0 && k < h.Populations[frame.Stream].Size),
            StateChunk s => s.Steps is not null && (s.Single is null) != (s.Double is null)
                && (s.Single?.Length ?? s.Double!.Length) == (long)s.Steps.Length * h.StateStreams[frame.Stream].Neurons.Length
                && s.Steps.All(t => t >= frame.FirstStep && t <= frame.LastStep),
            RateChunk r => r.Counts is not null && r.Counts.Length == frame.LastStep - frame.FirstStep + 1,
            // Per synapse: a pre and a post neuron for each value; a neuron-level variable: one side's neurons only.
            WeightChunk w => w.Pre is not null && w.Post is not null && (w.Single is null) != (w.Double is null)
                && (w.Single?.Length ?? w.Double!.Length) is var n
                && (w.Pre.Length == n && w.Post.Length == n || w.Pre.Length == n && w.Post.Length == 0 || w.Pre.Length == 0 && w.Post.Length == n),
            MarkerChunk m => m.Text is not null,
            MetricChunk => frame.FirstStep == frame.LastStep,
            _ => false,
        };
        if (!ok) throw new RecordingFormatException(path, offset, $"the recording is damaged: a {frame.Kind} chunk's contents do not agree with its frame and header");
    }
}
