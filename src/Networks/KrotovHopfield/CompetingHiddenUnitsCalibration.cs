namespace Dendra.Networks.KrotovHopfield;

/// <summary>What <see cref="CompetingHiddenUnits.Calibrate"/> chose, and what it reached on its sample.</summary>
/// <param name="Inhibition">w_inh, the strength of the lateral inhibition.</param>
/// <param name="Threshold">h*, the activity from which a unit learns Hebbian (g = 1) rather than anti-Hebbian (g = −Δ).</param>
/// <param name="ActiveFraction">The fraction of the sample's hidden units (over all its images) with h ≥ 0 under that w_inh.</param>
public sealed record CompetingHiddenUnitsCalibration(double Inhibition, double Threshold, double ActiveFraction);
