namespace Dendra;

/// <summary>
/// SI unit constants, so scripts read <c>20 * ms</c> and <c>-50 * mV</c>. Dendra computes in SI units
/// (seconds, volts, amperes, siemens, farads, hertz, metres); a number without a unit is in SI.
/// Scripts import this with <c>using static Dendra.Units;</c>.
/// </summary>
#pragma warning disable CA1707, IDE1006 // Lower-case names are the point: they read like the units they are.
public static class Units
{
    /// <summary>1 second.</summary>
    public const double second = 1;
    /// <summary>1 millisecond.</summary>
    public const double ms = 1e-3;
    /// <summary>1 microsecond.</summary>
    public const double us = 1e-6;
    /// <summary>1 minute.</summary>
    public const double minute = 60;
    /// <summary>1 hertz.</summary>
    public const double Hz = 1;
    /// <summary>1 kilohertz.</summary>
    public const double kHz = 1e3;
    /// <summary>1 volt.</summary>
    public const double volt = 1;
    /// <summary>1 millivolt.</summary>
    public const double mV = 1e-3;
    /// <summary>1 ampere.</summary>
    public const double amp = 1;
    /// <summary>1 nanoampere.</summary>
    public const double nA = 1e-9;
    /// <summary>1 picoampere.</summary>
    public const double pA = 1e-12;
    /// <summary>1 siemens.</summary>
    public const double siemens = 1;
    /// <summary>1 millisiemens.</summary>
    public const double mS = 1e-3;
    /// <summary>1 microsiemens.</summary>
    public const double uS = 1e-6;
    /// <summary>1 nanosiemens.</summary>
    public const double nS = 1e-9;
    /// <summary>1 ohm.</summary>
    public const double ohm = 1;
    /// <summary>1 megaohm.</summary>
    public const double Mohm = 1e6;
    /// <summary>1 farad.</summary>
    public const double farad = 1;
    /// <summary>1 nanofarad.</summary>
    public const double nF = 1e-9;
    /// <summary>1 picofarad.</summary>
    public const double pF = 1e-12;
    /// <summary>1 microfarad.</summary>
    public const double uF = 1e-6;
    /// <summary>1 metre.</summary>
    public const double metre = 1;
    /// <summary>1 centimetre.</summary>
    public const double cm = 1e-2;
    /// <summary>1 micrometre.</summary>
    public const double um = 1e-6;
    /// <summary>1 square centimetre.</summary>
    public const double cm2 = 1e-4;
    /// <summary>1 square micrometre.</summary>
    public const double um2 = 1e-12;
}
#pragma warning restore CA1707, IDE1006
