namespace Dendra.Networks.KrotovHopfield;

/// <summary>What the hidden units did in one minibatch of <see cref="CompetingHiddenUnits.Learn"/>.</summary>
/// <param name="ActiveFraction">The fraction of hidden units, over all the minibatch's images, with settled h ≥ 0 (g ≠ 0).</param>
/// <param name="WinnerAgreement">The fraction of images whose most active settled unit is the unit with the largest current:
/// the unit the rank shortcut (<see cref="KrotovHopfieldFast"/>) would make learn.</param>
/// <param name="Settled">How many of the minibatch's images settled within the longest settle.</param>
/// <param name="HebbianPerImage">Units per image with settled h ≥ h* (g = 1), on average: the rank shortcut has exactly one.</param>
public sealed record CompetingHiddenUnitsStep(double ActiveFraction, double WinnerAgreement, int Settled, double HebbianPerImage);
