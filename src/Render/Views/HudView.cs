using System.Globalization;
using Dendra.Render.Activity;

namespace Dendra.Render.Views;

/// <summary>The heads-up line: simulated time, speed as a multiple of real time, frames per second, spikes per second,
/// backend, and whether the run is paused; or what <see cref="RunStatus.Description"/> says, for what is not a network run.</summary>
internal static class HudView
{
    /// <summary>The HUD text for <paramref name="status"/> at <paramref name="fps"/> frames per second.</summary>
    public static string Text(RunStatus status, double fps)
    {
        var fpsText = double.IsFinite(fps) ? string.Create(CultureInfo.InvariantCulture, $"{fps:0} FPS") : "- FPS";
        var parts = status.Description is { } description ? [description, fpsText] : new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"t = {status.SimulatedSeconds:0.000} s"),
            double.IsFinite(status.SpeedFactor) ? string.Create(CultureInfo.InvariantCulture, $"{status.SpeedFactor:0.00}x real time") : "-x real time",
            fpsText,
            double.IsFinite(status.SpikesPerSecond) ? string.Create(CultureInfo.InvariantCulture, $"{status.SpikesPerSecond:0} spikes/s") : "- spikes/s",
            status.Backend,
        };
        if (status.Finished) parts.Add("FINISHED (Q closes)");
        else if (status.Paused) parts.Add("PAUSED");
        return string.Join("   ", parts);
    }
}
