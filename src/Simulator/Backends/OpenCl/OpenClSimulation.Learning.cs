using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Plastic rate projections on the device: at the end of a step where a rule is due, the factors of the populations
/// involved are computed (the compiled <c>RuleFactors</c> kernels), then each projection's weights change in place
/// (<c>outer_product_dense</c> or <c>outer_product_sparse</c> in runtime.cl, the same sums in the same order as on the
/// CPU; for a float32 minibatch, CLBlast's gemm forms the outer-product sums and <c>outer_product_apply_sums</c> decays,
/// scales and clips as <c>outer_product_dense</c> does, see <see cref="ClBlastProducts"/>; a rule scaled to its largest
/// change forms ΔW first, finds max|ΔW| with <c>largest_magnitude</c> and then steps), then the rows are normalised
/// when the rule's normalisation is due (<c>normalise_rows_dense</c> or <c>normalise_rows_sparse</c>, as on the CPU), then
/// a weight transform, if the rule has one, is recomputed into the buffer the product reads.
/// </summary>
internal sealed partial class OpenClSimulation<T>
{
    private readonly List<DeviceLearning> _learning = [];

    /// <summary>One plastic rate projection on the device.</summary>
    private sealed class DeviceLearning
    {
        public required RateProjection Projection { get; init; }
        /// <summary>The weights the rule changes (dense column-major, or the sparse values), host copy and device buffer.</summary>
        public required T[] Weights { get; init; }
        public required DeviceBuffer Buffer { get; init; }
        /// <summary>The transformed weights the product reads, when the rule has a transform.</summary>
        public (T[] Values, KernelDefinition Kernel)? Transformed { get; init; }
        /// <summary>The first step at which the update or the transform stored a value that is not finite.</summary>
        public required DeviceBuffer FailedStep { get; init; }
        /// <summary>Enqueues the update of the weights at the end of a step.</summary>
        public Action<long>? Update { get; set; }
        public DeviceKernel? Transform { get; set; }
        /// <summary>ΔW before it is scaled to its largest (laid out as the weights), when the rule scales so.</summary>
        public DeviceBuffer? Change { get; set; }
        /// <summary>Scales the rows to the rule's Lp radius, when the rule normalises.</summary>
        public DeviceKernel? Normalise { get; set; }
    }

    /// <summary>Plans a plastic projection's buffers; returns the buffer its product reads (the weights, or their transform).
    /// <paramref name="bindings"/> gets the step that binds its kernels once the program is built.</summary>
    private DeviceBuffer PlanLearning(RateProjection r, T[] weights, DeviceBuffer buffer, List<Action> bindings)
    {
        var rule = r.Rule!;
        (T[], KernelDefinition)? transformed = null;
        DeviceBuffer read = buffer;
        if (rule.Transform is not null)
        {
            var values = new T[weights.Length];
            transformed = (values, WeightTransform.Compile(r, weights, values));
            read = _memory.Mirror(values, $"transformed weights of rate projection '{r.Name}'");
        }
        var learning = new DeviceLearning
        {
            Projection = r,
            Weights = weights,
            Buffer = buffer,
            Transformed = transformed,
            FailedStep = _memory.Scratch($"finiteness flag of rate projection '{r.Name}'", sizeof(int)),
            Change = !rule.ScalesToLargestChange ? null
                : r.Dense is not null && UseClBlast ? null // the change is formed in place of CLBlast's sums (below)
                : _memory.Scratch($"weight change of rate projection '{r.Name}'", (long)weights.Length * SizeOfT),
        };
        _learning.Add(learning);
        int[]? rows = null;
        DeviceBuffer? rowBuffer = null, columnBuffer = null, rowStartBuffer = null;
        // A float32 minibatch forms its outer-product sums with CLBlast's gemm, then decays, scales and clips in a kernel.
        bool clBlast = r.Dense is not null && UseClBlast;
        var sums = clBlast ? _memory.Scratch($"outer-product sums of rate projection '{r.Name}'", (long)weights.Length * SizeOfT) : null;
        var decaySums = clBlast ? _memory.Scratch($"decay sums of rate projection '{r.Name}'", (long)r.Post.Count * SizeOfT) : null;
        if (clBlast && rule.ScalesToLargestChange) learning.Change = sums;
        // max|ΔW| in two launches of largest_magnitude: the groups' partial maxima, then one group over those.
        int largestGroups = (int)Math.Clamp((weights.Length + LargestGroup - 1) / LargestGroup, 1, 256);
        var (partials, largest) = rule.ScalesToLargestChange
            ? (_memory.Scratch($"partial largest changes of rate projection '{r.Name}'", (long)largestGroups * SizeOfT),
                _memory.Scratch($"largest change of rate projection '{r.Name}'", SizeOfT))
            : (null, null);
        if (r.Dense is null)
        {
            rows = [.. Enumerable.Range(0, r.Post.Count).SelectMany(j => Enumerable.Repeat(j, r.RowStart![j + 1] - r.RowStart[j]))];
            rowBuffer = _memory.Mirror(rows, $"rows of the weights of rate projection '{r.Name}'");
            columnBuffer = _memory.MirrorOf(r.Columns!) ?? _memory.Mirror(r.Columns!, $"columns of rate projection '{r.Name}'");
            if (rule.Normalisation is not null)
                rowStartBuffer = _memory.MirrorOf(r.RowStart!) ?? _memory.Mirror(r.RowStart!, $"row starts of rate projection '{r.Name}'");
        }
        bindings.Add(() =>
        {
            learning.FailedStep.Fill(_queue, int.MaxValue);
            var f = _memory.MirrorOf(_hosts[r.Post.Population.Index].Compiled.Arrays[RuleFactor.PostArray(r)])!;
            var g = _memory.MirrorOf(_hosts[r.Pre.Population.Index].Compiled.Arrays[RuleFactor.PreArray(r)])!;
            var d = rule.Decay is null ? f : _memory.MirrorOf(_hosts[r.Post.Population.Index].Compiled.Arrays[RuleFactor.DecayArray(r)])!;
            var scale = Scale(r);
            var (lo, hi) = rule.Clip is { } c ? (T.CreateTruncating(c.Min), T.CreateTruncating(c.Max)) : (T.NegativeInfinity, T.PositiveInfinity);
            int hasDecay = rule.Decay is null ? 0 : 1;
            if (rule.ScalesToLargestChange)
            {
                var change = learning.Change!;
                Action formChange;
                if (clBlast)
                {
                    var outerSums = ClBlastProducts.OuterSums(_queue, g, r.Pre.Start, r.Pre.Count, r.Pre.Population.Size, f, r.Post.Start,
                        r.Post.Count, r.Post.Population.Size, _instances, sums!);
                    var decay = Kernel("decay_sums").Set(0, decaySums!).Set(1, d).Set(2, r.Post.Start).Set(3, r.Post.Count)
                        .Set(4, r.Post.Population.Size).Set(5, _instances);
                    var inPlace = Kernel("outer_product_change_sums").Set(0, sums!).Set(1, buffer).Set(2, decaySums!).Set(3, hasDecay)
                        .Set(4, r.Post.Count).Set(5, (long)weights.Length);
                    formChange = () =>
                    {
                        outerSums();
                        if (hasDecay == 1) decay.Run(_queue, r.Post.Count);
                        inPlace.Run(_queue, weights.Length);
                    };
                }
                else
                {
                    var kernel = r.Dense is not null
                        ? Kernel("outer_product_change_dense").Set(0, change).Set(1, buffer).Set(2, f).Set(3, g).Set(4, d).Set(5, hasDecay)
                            .Set(6, r.Pre.Start).Set(7, r.Pre.Count).Set(8, r.Pre.Population.Size).Set(9, r.Post.Start).Set(10, r.Post.Count)
                            .Set(11, r.Post.Population.Size).Set(12, _instances)
                        : Kernel("outer_product_change_sparse").Set(0, change).Set(1, buffer).Set(2, rowBuffer).Set(3, columnBuffer)
                            .Set(4, weights.Length).Set(5, f).Set(6, g).Set(7, d).Set(8, hasDecay).Set(9, r.Pre.Start).Set(10, r.Pre.Population.Size)
                            .Set(11, r.Post.Start).Set(12, r.Post.Population.Size).Set(13, _instances);
                    formChange = () => kernel.Run(_queue, weights.Length);
                }
                var groups = Kernel("largest_magnitude").Set(0, change).Set(1, (long)weights.Length).Set(2, partials);
                var overGroups = Kernel("largest_magnitude").Set(0, partials).Set(1, (long)largestGroups).Set(2, largest);
                var scaled = Kernel("outer_product_scaled_step").Set(0, buffer).Set(1, change).Set(2, (long)weights.Length).Set(3, largest)
                    .Set(5, lo).Set(6, hi).Set(7, learning.FailedStep);
                learning.Update = step =>
                {
                    formChange();
                    groups.RunInGroups(_queue, (long)largestGroups * LargestGroup, LargestGroup);
                    overGroups.RunInGroups(_queue, LargestGroup, LargestGroup);
                    // η itself, not η / B for a mean: the scaling to the largest change cancels any factor of the change.
                    scaled.Set(4, T.CreateTruncating(r.LearningRate)).Set(8, step).Run(_queue, weights.Length);
                };
            }
            else if (clBlast)
            {
                var outerSums = ClBlastProducts.OuterSums(_queue, g, r.Pre.Start, r.Pre.Count, r.Pre.Population.Size, f, r.Post.Start,
                    r.Post.Count, r.Post.Population.Size, _instances, sums!);
                var decay = Kernel("decay_sums").Set(0, decaySums!).Set(1, d).Set(2, r.Post.Start).Set(3, r.Post.Count)
                    .Set(4, r.Post.Population.Size).Set(5, _instances);
                var apply = Kernel("outer_product_apply_sums").Set(0, buffer).Set(1, sums!).Set(2, decaySums!).Set(3, hasDecay)
                    .Set(4, r.Post.Count).Set(5, (long)weights.Length).Set(6, scale).Set(7, lo).Set(8, hi).Set(9, learning.FailedStep);
                learning.Update = step =>
                {
                    outerSums();
                    if (hasDecay == 1) decay.Run(_queue, r.Post.Count);
                    apply.Set(6, Scale(r)).Set(10, step).Run(_queue, weights.Length);
                };
            }
            else
            {
                var kernel = r.Dense is not null
                    ? Kernel("outer_product_dense").Set(0, buffer).Set(1, f).Set(2, g).Set(3, d).Set(4, hasDecay)
                        .Set(5, r.Pre.Start).Set(6, r.Pre.Count).Set(7, r.Pre.Population.Size).Set(8, r.Post.Start).Set(9, r.Post.Count)
                        .Set(10, r.Post.Population.Size).Set(11, _instances).Set(12, scale).Set(13, lo).Set(14, hi).Set(15, learning.FailedStep)
                    : Kernel("outer_product_sparse").Set(0, buffer).Set(1, rowBuffer).Set(2, columnBuffer).Set(3, weights.Length)
                        .Set(4, f).Set(5, g).Set(6, d).Set(7, hasDecay).Set(8, r.Pre.Start).Set(9, r.Pre.Population.Size).Set(10, r.Post.Start)
                        .Set(11, r.Post.Population.Size).Set(12, _instances).Set(13, scale).Set(14, lo).Set(15, hi).Set(16, learning.FailedStep);
                int scaleArgument = r.Dense is null ? 13 : 12, stepArgument = r.Dense is null ? 17 : 16;
                learning.Update = step => kernel.Set(scaleArgument, Scale(r)).Set(stepArgument, step).Run(_queue, weights.Length);
            }
            if (rule.Normalisation is { } norm)
                learning.Normalise = r.Dense is not null
                    ? Kernel("normalise_rows_dense").Set(0, buffer).Set(1, r.Pre.Count).Set(2, r.Post.Count)
                        .Set(3, T.CreateTruncating(norm.P)).Set(4, T.CreateTruncating(norm.Radius))
                    : Kernel("normalise_rows_sparse").Set(0, buffer).Set(1, rowStartBuffer).Set(2, r.Post.Count)
                        .Set(3, T.CreateTruncating(norm.P)).Set(4, T.CreateTruncating(norm.Radius));
            if (transformed is { } t)
            {
                learning.Transform = BindArguments(Kernel(OpenClKernelGenerator.FunctionName(t.Item2)).Set(0, 0).Set(1, weights.Length), t.Item2, 3,
                    null, null, learning.FailedStep);
                learning.Transform.Set(2, 0L).Run(_queue, weights.Length);
                OpenClException.Check(OpenClDevices.Api.Finish(_queue), "transform the weights");
                CheckLearning(learning, 0);
            }
        });
        return read;
    }

    /// <summary>Work-items per group of <c>largest_magnitude</c>: <c>DENDRA_LARGEST_GROUP</c> in largest.cl.</summary>
    private const int LargestGroup = 128;

    /// <summary>What the update multiplies the reduced change by: η, divided by the instances for a mean.</summary>
    private T Scale(RateProjection r) =>
        T.CreateTruncating(r.Rule!.Reduction == BatchReduction.Mean ? r.LearningRate / _instances : r.LearningRate);

    /// <summary>The kernels plastic rate projections add to the program: their weight transforms.</summary>
    private IEnumerable<KernelDefinition> LearningKernels() =>
        _learning.Where(l => l.Transformed is not null).Select(l => l.Transformed!.Value.Kernel);

    /// <summary>Enqueues the rules due at the end of <paramref name="step"/>: the factors, then the updates, the normalisations
    /// that are due, then the transforms.</summary>
    private void EnqueueLearning(long step)
    {
        if (_learning.Count == 0) return;
        EnqueueLearning(_learning.Where(l => l.Projection.Rule!.DueAt(step)).ToList(), step, presentation: 0);
    }

    /// <summary>The plastic rate projections whose rules learn once per presentation (found at the first presentation's end).</summary>
    private List<DeviceLearning>? _presentationLearning;

    /// <summary>Applies the rules that learn once per presentation, from the state at the end of the last step, then the
    /// normalisations due at the end of this presentation.</summary>
    public void EndPresentation(long presentation)
    {
        var due = _presentationLearning ??= [.. _learning.Where(l => l.Projection.Rule!.AtPresentationEnd)];
        long step = Math.Max(0, Step - 1);
        EnqueueLearning(due, step, presentation);
        bool normalised = EnqueueNormalisations(presentation, step);
        if (due.Count == 0 && !normalised) return;
        OpenClException.Check(OpenClDevices.Api.Finish(_queue), "apply the rules at the end of the presentation");
        if (LearningFailedStep() != int.MaxValue) ThrowNonFiniteWeight(step);
        if (!normalised) return;
        var flag = new int[1];
        _synapticFailedStep.Read(_queue, flag);
        if (flag[0] != int.MaxValue) ThrowNonFiniteSynapse(step);
    }

    /// <summary>Enqueues rules as of the end of <paramref name="step"/> (and of presentation number <paramref name="presentation"/>,
    /// which rules applied per presentation count their normalisations by; 0 for rules applied every k steps): the factors, then
    /// the updates, the normalisations that are due, then the transforms.</summary>
    private void EnqueueLearning(List<DeviceLearning> due, long step, long presentation)
    {
        if (due.Count == 0) return;
        foreach (var index in due.SelectMany(l => new[] { l.Projection.Pre.Population.Index, l.Projection.Post.Population.Index }).Distinct())
            _populations[index].RuleFactors?.Set(2, step).Run(_queue, _populations[index].Elements);
        foreach (var l in due)
        {
            // η is read at each application (inside Update): a training loop's schedule changes it between presentations.
            l.Update!(step);
            if (l.Projection.Rule!.NormalisesAfter(step, presentation)) l.Normalise!.Run(_queue, l.Projection.Post.Count);
            l.Transform?.Set(2, step).Run(_queue, l.Weights.Length);
            foreach (var rate in _rates.Where(r => r.Projection == l.Projection)) rate.Invalidate();
        }
    }

    /// <summary>The first step of the batch at which a rule stored a weight (or transformed weight) that is not finite.</summary>
    private int LearningFailedStep()
    {
        int failed = int.MaxValue;
        var flag = new int[1];
        foreach (var l in _learning)
        {
            l.FailedStep.Read(_queue, flag);
            failed = Math.Min(failed, flag[0]);
        }
        return failed;
    }

    /// <summary>Names the first weight that is not finite, W itself or its transform, when one is.</summary>
    private void ThrowNonFiniteWeight(long step)
    {
        foreach (var l in _learning) CheckLearning(l, step);
    }

    private void CheckLearning(DeviceLearning l, long step)
    {
        var r = l.Projection;
        l.Buffer.Read(_queue, l.Weights);
        int bad = Array.FindIndex(l.Weights, v => !T.IsFinite(v));
        string variable = "W";
        T changeValue = T.Zero;
        if (bad < 0 && l.Transformed is { } t)
        {
            _memory.MirrorOf(t.Values)!.Read(_queue, t.Values);
            bad = Array.FindIndex(t.Values, v => !T.IsFinite(v));
            if (bad >= 0) variable = $"transformed W ({r.Rule!.Transform!.Value.Source[12..]} at w = {double.CreateTruncating(l.Weights[bad])})";
        }
        if (bad < 0 && l.Change is not null)
        {
            var change = new T[l.Weights.Length];
            l.Change.Read(_queue, change);
            bad = Array.FindIndex(change, v => !T.IsFinite(v));
            if (bad >= 0) (variable, changeValue) = ("ΔW", change[bad]);
        }
        if (bad < 0) return;
        // Dense weights are column-major on the device; sparse ones in the order of the projection's values.
        int row = r.Dense is not null ? bad % r.Post.Count : Array.FindLastIndex(r.RowStart!, start => start <= bad);
        int column = r.Dense is not null ? bad / r.Post.Count : r.Columns![bad];
        int synapse = r.Dense is not null ? row * r.Pre.Count + column : bad;
        double value = double.CreateTruncating(variable == "W" ? l.Weights[bad] : variable == "ΔW" ? changeValue : l.Transformed!.Value.Values[bad]);
        throw SimulationException.InSynapse(r.Name, synapse, r.Pre.Population.Name, r.Pre.Start + column, r.Post.Population.Name, r.Post.Start + row,
            variable, step, step * _network.Dt, value);
    }

    /// <summary>A plastic projection's weights as they are now (row-major when dense); null for fixed weights.</summary>
    private double[]? ReadLearnedWeights(RateProjection projection)
    {
        var l = _learning.FirstOrDefault(l => l.Projection == projection);
        if (l is null) return null;
        l.Buffer.Read(_queue, l.Weights);
        if (projection.Dense is null) return [.. l.Weights.Select(double.CreateTruncating)];
        int rows = projection.Post.Count, columns = projection.Pre.Count;
        var rowMajor = new double[l.Weights.Length];
        for (int k = 0; k < columns; k++)
            for (int j = 0; j < rows; j++) rowMajor[(long)j * columns + k] = double.CreateTruncating(l.Weights[(long)k * rows + j]);
        return rowMajor;
    }

    /// <summary>Sets plastic projections' weights from a checkpoint (row-major when dense) and recomputes their transforms.</summary>
    private void RestoreLearnedWeights(SimulationState state)
    {
        foreach (var l in _learning)
        {
            var r = l.Projection;
            if (!state.RateWeights.TryGetValue(r.Name, out var weights) || weights.Length != l.Weights.Length)
                throw new CheckpointException($"the checkpoint has no weights of plastic rate projection '{r.Name}' for {l.Weights.Length} elements");
            var device = r.Dense is null ? Array.ConvertAll(weights, T.CreateTruncating) : DenseRateWeights.ColumnMajor<T>(weights, r.Post.Count, r.Pre.Count);
            device.CopyTo(l.Weights, 0);
            l.Buffer.Write(_queue, l.Weights);
            l.Transform?.Set(2, state.Step).Run(_queue, l.Weights.Length);
        }
        foreach (var rate in _rates) rate.Invalidate(); // sources may have changed
    }
}
