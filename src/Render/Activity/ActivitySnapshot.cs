namespace Dendra.Render.Activity;

/// <summary>
/// Everything one frame shows: the spikes of each population in a time window, sampled traces, weights and the run's
/// status. Built from a running network's monitors or from a recording; views only read it.
/// </summary>
/// <param name="Dt">Time step in seconds.</param>
/// <param name="WindowStart">First step of the window shown.</param>
/// <param name="WindowEnd">Step after the last one shown (the window is [start, end)).</param>
/// <param name="Populations">Spikes per population, in drawing order.</param>
/// <param name="Status">What the HUD reports.</param>
public sealed record ActivitySnapshot(double Dt, long WindowStart, long WindowEnd, IReadOnlyList<PopulationSpikes> Populations, RunStatus Status)
{
    /// <summary>State traces of chosen neurons.</summary>
    public IReadOnlyList<TraceSeries> Traces { get; init; } = [];

    /// <summary>Weights to show as receptive fields.</summary>
    public IReadOnlyList<ReceptiveFields> Fields { get; init; } = [];

    /// <summary>What a learner's units did in its latest minibatch, shown beside its receptive fields.</summary>
    public IReadOnlyList<UnitActivity> Activities { get; init; } = [];

    /// <summary>Weights to show as histograms.</summary>
    public IReadOnlyList<WeightSet> Weights { get; init; } = [];

    /// <summary>Where a replay stands in its recording (drawn as a scrub bar), or null for a live run.</summary>
    public Timeline? Timeline { get; init; }

    private readonly long? _now;

    /// <summary>Steps in the window.</summary>
    public long WindowSteps => WindowEnd - WindowStart;

    /// <summary>The step the simulation has reached (the window may reach past it while the run is younger than the
    /// window); <see cref="WindowEnd"/> unless set.</summary>
    public long Now
    {
        get => _now ?? WindowEnd;
        init => _now = value;
    }
}

/// <summary>The spikes of one population inside the window, in time order.</summary>
/// <param name="Name">Population name.</param>
/// <param name="Size">Number of neurons.</param>
/// <param name="Steps">Step of each spike.</param>
/// <param name="Neurons">Neuron of each spike.</param>
public sealed record PopulationSpikes(string Name, int Size, long[] Steps, int[] Neurons)
{
    /// <summary>How the neurons lie on a 2D grid for the heatmap (width × height = size), or null for a square-ish grid.</summary>
    public (int Width, int Height)? Grid { get; init; }
}

/// <summary>A sampled state variable of one neuron.</summary>
/// <param name="Label">Legend text, e.g. "P[3].v".</param>
/// <param name="Times">Sample times in seconds.</param>
/// <param name="Values">Sample values.</param>
public sealed record TraceSeries(string Label, double[] Times, double[] Values);

/// <summary>Incoming weights of a set of units, each reshaped to a <paramref name="Width"/> × <paramref name="Height"/> image.</summary>
/// <param name="Name">Projection name.</param>
/// <param name="Units">Number of units (tiles).</param>
/// <param name="Width">Image width of one unit's weights.</param>
/// <param name="Height">Image height.</param>
/// <param name="Values">Unit after unit, each row by row from the top: <c>Values[(unit * Height + y) * Width + x]</c>.</param>
public sealed record ReceptiveFields(string Name, int Units, int Width, int Height, float[] Values);

/// <summary>The activity of a learner's units in one minibatch: one value per image and unit (the settled, rectified h of
/// competing units, say), the images its first ones.</summary>
/// <param name="Name">The learner's name (its receptive fields' <see cref="ReceptiveFields.Name"/>).</param>
/// <param name="Quantity">What the values are, e.g. <c>relu(h)</c> or <c>g</c>.</param>
/// <param name="Images">Rows: images.</param>
/// <param name="Units">Columns: units.</param>
/// <param name="Values">Row-major [image, unit]: <c>Values[image * Units + unit]</c>.</param>
public sealed record UnitActivity(string Name, string Quantity, int Images, int Units, float[] Values);

/// <summary>The weights of one projection.</summary>
/// <param name="Name">Projection name.</param>
/// <param name="Values">One weight per synapse.</param>
public sealed record WeightSet(string Name, double[] Values);

/// <summary>What the heads-up display reports.</summary>
/// <param name="SimulatedSeconds">Simulated time so far.</param>
/// <param name="SpeedFactor">Simulated seconds per wall-clock second (NaN when not known).</param>
/// <param name="SpikesPerSecond">Spikes per wall-clock second (NaN when not known).</param>
/// <param name="Backend">Where the simulation runs, or "replay".</param>
/// <param name="Paused">True while paused.</param>
/// <param name="Finished">True once the run has ended.</param>
public sealed record RunStatus(double SimulatedSeconds, double SpeedFactor, double SpikesPerSecond, string Backend, bool Paused = false, bool Finished = false)
{
    /// <summary>What the HUD says instead of time, speed, spikes and backend, for what is not a network run (a learner's
    /// training: epoch, minibatch, samples/s, what it observes); null for a network run.</summary>
    public string? Description { get; init; }
}

/// <summary>A replay's position in its recording.</summary>
/// <param name="FirstStep">First recorded step.</param>
/// <param name="EndStep">Step after the last recorded one.</param>
/// <param name="Position">The step the replay stands at.</param>
public sealed record Timeline(long FirstStep, long EndStep, long Position)
{
    /// <summary>How far along the recording the replay is, from 0 to 1.</summary>
    public double Fraction => EndStep > FirstStep ? Math.Clamp((Position - FirstStep) / (double)(EndStep - FirstStep), 0, 1) : 1;
}
