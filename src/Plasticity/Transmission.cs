namespace Dendra.Plasticity;

/// <summary>What a plastic synapse delivers on a presynaptic spike, before it learns.</summary>
internal static class Transmission
{
    /// <summary>The on-pre code that adds the weight to <paramref name="target"/> (<c>target += w; </c>), or nothing for a
    /// synapse that only learns.</summary>
    public static string Code(string? target) => string.IsNullOrEmpty(target) ? "" : $"{target} += w; ";
}
