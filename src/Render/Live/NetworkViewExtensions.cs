using Dendra.Render.Activity;
using Dendra.Simulator.Graph;

namespace Dendra.Render.Live;

/// <summary><c>network.View(...)</c>: run a network in a live window from a script or program.</summary>
public static class NetworkViewExtensions
{
    /// <summary>Runs <paramref name="network"/> (not built yet) for <paramref name="duration"/> simulated seconds in a
    /// live window showing what <paramref name="options"/> asks for; the window stays open at the end until closed.</summary>
    /// <example><code>net.View(10 * second, new ViewOptions().Trace("P", "v", 0, 1).Grid("input", 28, 28));</code></example>
    public static LiveViewResult View(this Network network, double duration, ViewOptions? options = null) =>
        new LiveView(network, options).Run(duration);
}
