namespace Dendra.Learning.Encoders;

/// <summary>
/// What the rest between two presentations does to the network (<see cref="Presentation.Rest"/>). In every mode the input
/// is silent (the encoder writes no input) and the weights keep what they learned.
/// </summary>
public enum RestMode
{
    /// <summary>The network runs for the rest with no input, so that its variables decay toward rest before the next
    /// sample, as in Diehl &amp; Cook (2015): 150 ms after each 350 ms image. Rules that learn every step go on learning.</summary>
    Run,

    /// <summary>The network does not run: every state variable of every population but the input is set back to the
    /// value it had when training began (its initial value, for a network that had not run before), as BindsNET's
    /// <c>reset_state_variables</c> does. Takes no simulated time; the rest's duration must be 0.</summary>
    Reset,

    /// <summary>The network runs for the rest with no input (<see cref="Run"/>), then its state variables are set back
    /// as by <see cref="Reset"/>: what is not a population's state variable (a synapse's traces, spikes still in flight)
    /// has decayed for the rest's duration, and the populations start the next sample from their initial state.</summary>
    RunThenReset,
}
