using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// One statement of a backend-neutral kernel body, run once per element (neuron or synapse). The equation
/// compiler produces these; each backend turns them into its own code (expression trees on the CPU,
/// OpenCL C on a device). Identifiers in expressions are locals, arrays named in the kernel's bindings,
/// or the built-ins <c>t</c>, <c>dt</c>, <c>step</c>, <c>i</c>, <c>N</c> and those of <see cref="KernelBuiltins"/>.
/// </summary>
public abstract record KernelStatement;

/// <summary>Built-in names of kernels that the model language does not spell this way.</summary>
public static class KernelBuiltins
{
    /// <summary>In a synapse kernel, the current synapse's presynaptic neuron, counted from the start of the projection's
    /// presynaptic slice (<see cref="KernelDefinition.SliceStarts"/>): the model language's <c>i</c>.</summary>
    public const string PreNeuron = "__pre_neuron";

    /// <summary>In a synapse kernel, the current synapse's postsynaptic neuron, counted from the start of the projection's
    /// postsynaptic slice: the model language's <c>j</c>.</summary>
    public const string PostNeuron = "__post_neuron";

    /// <summary>In a synapse kernel, the time in seconds since the presynaptic neuron's neuron-level variables were last
    /// brought up to date (<see cref="KernelDefinition.PreClock"/>).</summary>
    public const string ElapsedPre = "__elapsed_pre";

    /// <summary>In a synapse kernel, the time in seconds since the postsynaptic neuron's neuron-level variables were last
    /// brought up to date (<see cref="KernelDefinition.PostClock"/>).</summary>
    public const string ElapsedPost = "__elapsed_post";
}

/// <summary>Defines a local value.</summary>
/// <param name="Local">Local name (unique in the kernel).</param>
/// <param name="Value">Its value.</param>
public sealed record LetStatement(string Local, Expr Value) : KernelStatement;

/// <summary>Writes an element of an array binding.</summary>
/// <param name="Variable">The array binding written.</param>
/// <param name="Value">The value.</param>
public sealed record StoreStatement(string Variable, Expr Value) : KernelStatement;

/// <summary>Runs <paramref name="Then"/> when <paramref name="Condition"/> is true.</summary>
/// <param name="Condition">Condition (non-zero is true).</param>
/// <param name="Then">Statements.</param>
public sealed record IfStatement(Expr Condition, IReadOnlyList<KernelStatement> Then) : KernelStatement;

/// <summary>Appends the current element to the kernel's spike output and, with a refractory period, records the step (threshold kernels only).</summary>
public sealed record EmitSpikeStatement : KernelStatement;

/// <summary>Sets the current synapse's event clock to this step (event-driven synaptic kernels only).</summary>
public sealed record TouchClockStatement : KernelStatement;

/// <summary>
/// Refractoriness of a population: the step of each neuron's last spike and the period in whole steps.
/// Kernels see it as the built-in <c>not_refractory</c> (1 once <c>step - lastSpike ≥ Steps</c>).
/// </summary>
/// <param name="LastSpikeStep">Per neuron, the step of its last spike.</param>
/// <param name="Steps">Refractory period in steps.</param>
public sealed record RefractoryState(long[] LastSpikeStep, int Steps);

/// <summary>The shape of a kernel: what it loops over and what it returns.</summary>
public enum KernelShape
{
    /// <summary><c>void (int start, int end, long step)</c>: loop over elements.</summary>
    ElementLoop,
    /// <summary><c>int (int start, int end, long step, int[] spikes)</c>: loop, writing spiking element indices from <c>spikes[start]</c> on, returning how many.</summary>
    ThresholdLoop,
    /// <summary><c>double (int start, int end, long step)</c>: the sum over elements of the single <see cref="LetStatement"/> named <c>value</c>.</summary>
    SumLoop,
    /// <summary><c>double (int start, int end, long step)</c>: a loop that also returns the sum of every value it
    /// stored, so a state update reports a NaN or infinity it produced without a second pass over memory.</summary>
    UpdateLoop,
    /// <summary><c>void (int synapse, int pre, int post, long step)</c>: one synaptic event.</summary>
    SynapseEvent,
}

/// <summary>How an array binding is indexed inside a kernel.</summary>
public enum IndexKind
{
    /// <summary>By the current element (neuron <c>i</c> or synapse).</summary>
    Element,
    /// <summary>By the presynaptic neuron of the current synapse.</summary>
    Pre,
    /// <summary>By the postsynaptic neuron of the current synapse.</summary>
    Post,
    /// <summary>One value per instance of a batch (index: element / N), e.g. a population reduction; a single value when
    /// the network runs one instance.</summary>
    Scalar,
}

/// <summary>A named array a kernel reads or writes.</summary>
/// <param name="Name">Name used in the kernel's expressions.</param>
/// <param name="Data">The array: float[] or double[] (converted to the kernel's precision as it is read and written).</param>
/// <param name="Index">How it is indexed.</param>
public sealed record ArrayBinding(string Name, Array Data, IndexKind Index);

/// <summary>A complete kernel: shape, body, bindings, and what the random functions draw from.</summary>
/// <param name="Name">Descriptive name (population and phase), for errors and generated source.</param>
/// <param name="Shape">Loop shape.</param>
/// <param name="Body">Statements.</param>
/// <param name="Arrays">Array bindings by name.</param>
/// <param name="ElementCount">N: the number of elements (used by <c>N</c> and by random counters).</param>
/// <param name="Seed">Network seed.</param>
/// <param name="Stream">Random stream of this kernel; each <c>rand()</c> call site adds its ordinal.</param>
/// <param name="Dt">Time step in seconds.</param>
/// <param name="Refractory">Refractory state, for neuron kernels of populations that have one.</param>
/// <param name="EventClock">Synapse kernels with event-driven variables: per synapse, the step of its last event;
/// kernels see the time since then as the built-in <c>elapsed</c>.</param>
/// <param name="PreIndex">Element loops over synapses: each synapse's presynaptic neuron.</param>
/// <param name="PostIndex">Element loops over synapses: each synapse's postsynaptic neuron.</param>
/// <param name="Instances">Instances of a batch (<see cref="Graph.Network.BatchSize"/>): element loops then run over
/// <c>Instances·N</c> elements, instance after instance; <c>i</c> is the element's neuron (element mod N) and element-indexed
/// arrays hold every instance. Random counters count elements of the whole batch, so each instance draws its own numbers.</param>
/// <param name="SliceStarts">Synapse kernels: where the projection's pre- and postsynaptic slices start in their populations
/// (subtracted in integer arithmetic, so <see cref="KernelBuiltins.PreNeuron"/> is exact in float32 for any population size
/// whose slices are smaller than 2²⁴).</param>
/// <param name="ChecksFinite">Every value the kernel stores is checked, and a NaN or infinity stops the run naming the
/// variable and element (update loops always check: they report the sum of what they stored).</param>
/// <param name="PreClock">Synapse kernels reading event-driven presynaptic variables: per presynaptic neuron (by its index in its
/// population), the step they were last brought up to date; kernels see the time since as <see cref="KernelBuiltins.ElapsedPre"/>.</param>
/// <param name="PostClock">The same for postsynaptic variables (<see cref="KernelBuiltins.ElapsedPost"/>).</param>
public sealed record KernelDefinition(
    string Name,
    KernelShape Shape,
    IReadOnlyList<KernelStatement> Body,
    IReadOnlyDictionary<string, ArrayBinding> Arrays,
    int ElementCount,
    ulong Seed,
    ulong Stream,
    double Dt,
    RefractoryState? Refractory = null,
    long[]? EventClock = null,
    int[]? PreIndex = null,
    int[]? PostIndex = null,
    int Instances = 1,
    (int Pre, int Post) SliceStarts = default,
    bool ChecksFinite = false,
    long[]? PreClock = null,
    long[]? PostClock = null)
{
    /// <summary>Elements the loop covers: <see cref="ElementCount"/> in each of the <see cref="Instances"/>.</summary>
    public int TotalElements => ElementCount * Instances;
}
