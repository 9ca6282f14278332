namespace Dendra.Simulator.Graph;

/// <summary>The floating-point type of every state variable, weight and buffer of a network.</summary>
public enum Precision
{
    /// <summary>32-bit floats: half the memory traffic, the default.</summary>
    Single,
    /// <summary>64-bit floats: the reference for comparisons.</summary>
    Double,
}
