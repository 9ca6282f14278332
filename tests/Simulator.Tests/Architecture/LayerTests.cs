using Dendra.Neurons;
using Dendra.Plasticity;
using Dendra.Render.Views;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Tests.Architecture;

/// <summary>
/// The layers of the design (model description → graph → execution plan → backends → monitors and recordings →
/// render) hold in the compiled code: a type that reaches up or across a layer fails here, named with the type it uses
/// and where.
/// </summary>
public class LayerTests
{
    private const string Backends = "Dendra.Simulator.Backends";
    private const string Render = "Dendra.Render";

    [Fact]
    public void The_graph_names_no_backend() =>
        AssertNone(TypeUses.Of(typeof(Network)).Where(u => InNamespace(u.Namespace, "Dendra.Simulator.Graph") && InNamespace(u.TargetNamespace, Backends)),
            "the graph (Dendra.Simulator.Graph) must reach executors through Execution.IExecutorFactory, not name a backend");

    [Fact]
    public void The_execution_plan_and_compilation_name_no_backend() =>
        AssertNone(TypeUses.Of(typeof(Network)).Where(u =>
                (InNamespace(u.Namespace, "Dendra.Simulator.Execution") || InNamespace(u.Namespace, "Dendra.Simulator.Compilation") ||
                 InNamespace(u.Namespace, "Dendra.Simulator.Recording") || InNamespace(u.Namespace, "Dendra.Simulator.Monitors"))
                && InNamespace(u.TargetNamespace, Backends)),
            "execution, compilation, monitors and recording sit above the backends, which depend on them, never the other way");

    [Fact]
    public void OpenCl_uses_no_CPU_backend_type() =>
        AssertNone(TypeUses.Of(typeof(Network)).Where(u => InNamespace(u.Namespace, $"{Backends}.OpenCl") && InNamespace(u.TargetNamespace, $"{Backends}.Cpu")),
            "what both backends use belongs in Backends.Host");

    [Fact]
    public void The_CPU_backend_uses_no_OpenCl_type() =>
        AssertNone(TypeUses.Of(typeof(Network)).Where(u => InNamespace(u.Namespace, $"{Backends}.Cpu") && InNamespace(u.TargetNamespace, $"{Backends}.OpenCl")),
            "what both backends use belongs in Backends.Host");

    [Fact]
    public void Models_and_learning_rules_name_no_backend_and_no_renderer()
    {
        var uses = TypeUses.Of(typeof(Lif)).Concat(TypeUses.Of(typeof(PairStdp)));
        AssertNone(uses.Where(u => InNamespace(u.TargetNamespace, Backends) || InNamespace(u.TargetNamespace, Render)),
            "neuron models and learning rules are descriptions: they may use the model language and the graph only");
    }

    [Fact]
    public void Render_reads_only_the_public_graph_monitors_and_recordings()
    {
        string[] allowed = ["Dendra.Simulator.Graph", "Dendra.Simulator.Models", "Dendra.Simulator.Monitors", "Dendra.Simulator.Recording"];
        var simulator = typeof(Network).Assembly;
        var uses = TypeUses.Of(typeof(WeightHistogramView)).Where(u => u.TargetAssembly == simulator.GetName().Name);
        // The root namespaces hold units, the clock and the exceptions a user can catch.
        bool Allowed(string ns) => ns is "Dendra" or "Dendra.Simulator" || allowed.Any(a => InNamespace(ns, a));
        AssertNone(uses.Where(u => !Allowed(u.TargetNamespace) || !simulator.GetType(u.Target.Replace('/', '+'))!.IsVisible),
            "Render may read the public graph, monitor and recording API only, never backend or execution state");
    }

    [Fact]
    public void Render_reads_weights_from_weight_monitors_not_from_the_backend() =>
        // Projection.Get copies a projection's variables out of the backend (a device download on OpenCL) at any moment.
        AssertNone(TypeUses.Of(typeof(WeightHistogramView)).Where(u => u.Member == "Dendra.Simulator.Graph.Projection::Get"),
            "Render reads weights from a WeightMonitor (Network.MonitorWeights), which samples them at steps of the run");

    private static bool InNamespace(string name, string prefix) =>
        name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static void AssertNone(IEnumerable<TypeUse> violations, string rule)
    {
        var found = violations.Select(v => v.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(found.Count == 0, $"{rule}; found {found.Count}:\n" + string.Join("\n", found.Take(20)));
    }
}
