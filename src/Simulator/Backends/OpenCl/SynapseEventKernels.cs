using System.Text;
using Dendra.Simulator.Compilation;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Kernels that run a synapse function (on-pre code, on-post code, a summed variable) over the events of a step. Each
/// work-item owns one postsynaptic neuron and visits its synapses in the order the CPU backend runs them, so every
/// write to that neuron's variables happens in the CPU's order, and no two work-items write the same memory.
/// </summary>
internal static class SynapseEventKernels
{
    /// <summary>Arguments before the function's own buffers, by wrapper.</summary>
    public const int ArriveFixed = 12, PostFixed = 7, SumFixed = 6, PreSpikeFixed = 7, PostSpikeFixed = 4;

    /// <summary>
    /// On-pre code of the spikes arriving now: for every delay from the longest down to 0 (older spikes first, as the
    /// CPU's event queue holds them), the incoming synapses of this neuron with that delay whose presynaptic neuron
    /// spiked that many steps ago, in synapse order (= presynaptic order, then row order).
    /// </summary>
    public static string Arrive(KernelDefinition function) => Wrapper("arrive_", function,
        "int post_start, int post_count, __global const int* in_start, __global const int* in_pre, __global const int* in_syn, " +
        "__global const ushort* in_delay, int constant_delay, int max_delay, __global const uchar* history, int history_length, int n_pre, long step",
        """
            const int j = (int)get_global_id(0);
            if (j >= post_count) return;
            const int post = post_start + j;
            for (int d = max_delay; d >= 0; d--)
            {
                const long emitted = step - d;
                if (emitted < 0) continue;
                __global const uchar* fired = history + (emitted % history_length) * n_pre;
                for (int k = in_start[j]; k < in_start[j + 1]; k++)
                {
                    if ((in_delay ? (int)in_delay[k] : constant_delay) != d || !fired[in_pre[k]]) continue;
                    {CALL}(in_syn[k], in_pre[k], post, step{ARGS});
                }
            }
        """);

    /// <summary>On-post code: for a neuron that spiked now, its incoming synapses in synapse order.</summary>
    public static string Post(KernelDefinition function) => Wrapper("post_", function,
        "int post_start, int post_count, __global const int* in_start, __global const int* in_pre, __global const int* in_syn, " +
        "__global const long* spiked_at, long step",
        """
            const int j = (int)get_global_id(0);
            if (j >= post_count) return;
            const int post = post_start + j;
            if (spiked_at[post] != step) return;
            for (int k = in_start[j]; k < in_start[j + 1]; k++)
                {CALL}(in_syn[k], in_pre[k], post, step{ARGS});
        """);

    /// <summary>Summed variables: every incoming synapse of the neuron, in synapse order.</summary>
    public static string Sum(KernelDefinition function) => Wrapper("sum_", function,
        "int post_start, int post_count, __global const int* in_start, __global const int* in_pre, __global const int* in_syn, long step",
        """
            const int j = (int)get_global_id(0);
            if (j >= post_count) return;
            const int post = post_start + j;
            for (int k = in_start[j]; k < in_start[j + 1]; k++)
                {CALL}(in_syn[k], in_pre[k], post, step{ARGS});
        """);

    /// <summary>
    /// Presynaptic spike code (neuron-level variables): one work-item per neuron of the projection's presynaptic slice, run
    /// for a neuron whose spike, emitted <c>delay</c> steps ago, arrives now. Enqueued after the on-pre code of the step, as
    /// the CPU runs it after the synapses.
    /// </summary>
    public static string PreSpike(KernelDefinition function) => Wrapper("prespike_", function,
        "int slice_start, int slice_count, __global const uchar* history, int history_length, int n_pre, int delay, long step",
        """
            const int k = (int)get_global_id(0);
            if (k >= slice_count) return;
            const int n = slice_start + k;
            const long emitted = step - delay;
            if (emitted < 0 || !history[(emitted % history_length) * n_pre + n]) return;
            {CALL}(n, n, n, step{ARGS});
        """);

    /// <summary>Postsynaptic spike code (neuron-level variables): one work-item per neuron of the postsynaptic slice, run for
    /// a neuron that spiked now, after the on-post code of the step.</summary>
    public static string PostSpike(KernelDefinition function) => Wrapper("postspike_", function,
        "int slice_start, int slice_count, __global const long* spiked_at, long step",
        """
            const int k = (int)get_global_id(0);
            if (k >= slice_count) return;
            const int n = slice_start + k;
            if (spiked_at[n] != step) return;
            {CALL}(n, n, n, step{ARGS});
        """);

    /// <summary>The kernel name of a wrapper.</summary>
    public static string Name(string prefix, KernelDefinition function) => prefix + OpenClKernelGenerator.FunctionName(function);

    private static string Wrapper(string prefix, KernelDefinition function, string fixedParameters, string body)
    {
        var parameters = OpenClKernelGenerator.Parameters(function);
        var source = new StringBuilder();
        source.Append("__kernel void ").Append(Name(prefix, function)).Append('(').Append(fixedParameters);
        foreach (var p in parameters) source.Append(", ").Append(OpenClKernelGenerator.Declaration(p));
        source.Append(")\n{\n");
        var args = string.Concat(parameters.Select(p => ", " + p.Name));
        source.Append(body.Replace("{CALL}", OpenClKernelGenerator.FunctionName(function), StringComparison.Ordinal)
            .Replace("{ARGS}", args, StringComparison.Ordinal));
        source.Append("}\n");
        return source.ToString();
    }
}
