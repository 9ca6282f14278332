namespace Dendra.Render.Activity;

/// <summary>Spikes in time order with old ones dropped from the front: a queue kept in two growable arrays.</summary>
internal sealed class SpikeWindow
{
    private long[] _steps = new long[1024];
    private int[] _neurons = new int[1024];
    private int _start;
    private int _end;

    /// <summary>Spikes held.</summary>
    public int Count => _end - _start;

    /// <summary>Appends a spike (steps never decrease).</summary>
    public void Add(long step, int neuron)
    {
        if (_end == _steps.Length)
        {
            // Reuse the space of dropped spikes first; grow only when more than half is live.
            if (_start > _steps.Length / 2) Compact();
            else
            {
                Array.Resize(ref _steps, _steps.Length * 2);
                Array.Resize(ref _neurons, _neurons.Length * 2);
            }
        }
        _steps[_end] = step;
        _neurons[_end] = neuron;
        _end++;
    }

    /// <summary>Drops every spike before <paramref name="step"/>.</summary>
    public void DropBefore(long step)
    {
        while (_start < _end && _steps[_start] < step) _start++;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>Copies of the spikes held.</summary>
    public (long[] Steps, int[] Neurons) ToArrays() => (_steps[_start.._end], _neurons[_start.._end]);

    private void Compact()
    {
        Array.Copy(_steps, _start, _steps, 0, Count);
        Array.Copy(_neurons, _start, _neurons, 0, Count);
        _end -= _start;
        _start = 0;
    }
}
