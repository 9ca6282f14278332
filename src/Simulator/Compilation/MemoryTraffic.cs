using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Compilation;

/// <summary>Bytes a kernel moves between memory and the processor for one element (one neuron) per step.</summary>
/// <param name="ReadBytes">Bytes read: each per-element array the kernel reads, once.</param>
/// <param name="WrittenBytes">Bytes written: each per-element array the kernel stores, once.</param>
public readonly record struct MemoryTraffic(long ReadBytes, long WrittenBytes)
{
    /// <summary>Read and written together: what a bandwidth figure counts.</summary>
    public long TotalBytes => ReadBytes + WrittenBytes;

    /// <summary>The traffic of two kernels run one after the other (each reads its own inputs again).</summary>
    public static MemoryTraffic operator +(MemoryTraffic a, MemoryTraffic b) => new(a.ReadBytes + b.ReadBytes, a.WrittenBytes + b.WrittenBytes);

    /// <summary>
    /// What a population's neuron model moves per neuron and step: its compiled state update and threshold kernels,
    /// in the network's precision. Code that runs only for a spiking neuron (reset, refractory bookkeeping) is left
    /// out, since at the firing rates of these networks it touches a small fraction of the neurons in any one step.
    /// </summary>
    /// <param name="population">The population (its network's precision sets the size of each value).</param>
    public static MemoryTraffic PerNeuronStep(Population population)
    {
        ArgumentNullException.ThrowIfNull(population);
        Func<int, Array> allocate = population.Network.Precision == Precision.Double ? n => new double[n] : n => new float[n];
        var compiled = new NeuronCompiler(population, allocate, PopulationSetup.Materialized(population.Network, population)).Compile();
        return Of(compiled.Update) + Of(compiled.Threshold);
    }

    /// <summary>
    /// The per-element arrays <paramref name="kernel"/> reads and writes on every element: names in its expressions
    /// and stores outside any condition, plus the last-spike step it reads for <c>not_refractory</c>. Conditional
    /// stores are left out (see <see cref="PerNeuronStep"/>); scalar cells are one value for all elements and cost nothing per element.
    /// </summary>
    internal static MemoryTraffic Of(KernelDefinition? kernel)
    {
        if (kernel is null) return default;
        var read = new HashSet<string>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in kernel.Body) Visit(statement);

        long readBytes = read.Where(PerElement).Sum(ElementBytes);
        if (kernel.Refractory is not null && read.Contains("not_refractory")) readBytes += sizeof(long);
        return new MemoryTraffic(readBytes, written.Where(PerElement).Sum(ElementBytes));

        void Visit(KernelStatement statement)
        {
            switch (statement)
            {
                case LetStatement let: read.UnionWith(Symbolic.Names(let.Value)); break;
                case StoreStatement store:
                    read.UnionWith(Symbolic.Names(store.Value));
                    written.Add(store.Variable);
                    break;
                // Only the condition is evaluated for every element; what it guards runs for the few it selects.
                case IfStatement branch: read.UnionWith(Symbolic.Names(branch.Condition)); break;
            }
        }

        bool PerElement(string name) => kernel.Arrays.TryGetValue(name, out var a) && a.Index == IndexKind.Element;
        long ElementBytes(string name) => System.Runtime.InteropServices.Marshal.SizeOf(kernel.Arrays[name].Data.GetType().GetElementType()!);
    }
}
