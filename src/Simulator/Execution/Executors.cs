namespace Dendra.Simulator.Execution;

/// <summary>Where the graph finds its <see cref="IExecutorFactory"/>. The backends register theirs when the assembly loads
/// (see <c>Backends.BackendChooser</c>), so it is set before any network can be built.</summary>
internal static class Executors
{
    private static IExecutorFactory? _factory;

    /// <summary>The registered factory.</summary>
    /// <exception cref="InvalidOperationException">No backend registered one.</exception>
    public static IExecutorFactory Factory
    {
        get => _factory ?? throw new InvalidOperationException("no executor factory is registered: the backends register one when Dendra.Simulator loads");
        set => _factory = value;
    }
}
