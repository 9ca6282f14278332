namespace Dendra.Simulator.Models;

/// <summary>A named model parameter with its default value (SI units) and documentation.</summary>
/// <param name="Name">Name used in equations.</param>
/// <param name="Default">Default value in SI units (seconds, volts, siemens, amperes, farads…).</param>
/// <param name="Unit">Unit of <paramref name="Default"/>, for documentation ("s", "V", "S", "1").</param>
/// <param name="Description">What the parameter means.</param>
public sealed record Parameter(string Name, double Default, string Unit = "", string Description = "");
