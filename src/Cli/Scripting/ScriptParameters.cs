using Dendra.Cli.Parsing;

namespace Dendra.Cli.Scripting;

/// <summary>
/// The <c>--set name=value</c> pairs of one run, and the parameters the script asked for with
/// <see cref="ScriptGlobals.Param{T}"/>, so that a <c>--set</c> the script never reads can be reported.
/// </summary>
internal sealed class ScriptParameters
{
    private readonly Dictionary<string, string> _given = new(StringComparer.Ordinal);
    private readonly List<string> _givenOrder = [];
    private readonly Dictionary<string, Requested> _requested = new(StringComparer.Ordinal);
    private readonly List<string> _requestedOrder = [];

    /// <summary>Creates the set from the command line pairs (names must be unique; checked by the parser).</summary>
    public ScriptParameters(IEnumerable<KeyValuePair<string, string>> given)
    {
        foreach (var (name, value) in given)
        {
            if (!_given.TryAdd(name, value)) throw new UsageException($"--set {name} is given more than once");
            _givenOrder.Add(name);
        }
    }

    /// <summary>Parameters the script asked for, in the order it first asked, with type, default and value used.</summary>
    public IEnumerable<Requested> RequestedParameters => _requestedOrder.Select(n => _requested[n]);

    /// <summary>The value of parameter <paramref name="name"/>: the <c>--set</c> value converted to <typeparamref name="T"/>, else the default.</summary>
    public T Get<T>(string name, T defaultValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ParameterValue.IsSupported(typeof(T)))
            throw new ArgumentException($"Param(\"{name}\", ...): parameters of type {typeof(T).Name} cannot be set from the command line; use {ParameterValue.SupportedTypes}", nameof(defaultValue));

        T value = defaultValue;
        if (_given.TryGetValue(name, out var text))
        {
            if (!ParameterValue.TryConvert(text, typeof(T), out var converted, out var expected))
                throw new UsageException($"--set {name}={text}: the script's parameter '{name}' needs {expected}");
            value = (T)converted!;
        }
        if (!_requested.ContainsKey(name)) _requestedOrder.Add(name);
        _requested[name] = new Requested(name, typeof(T), defaultValue, value, _given.ContainsKey(name));
        return value;
    }

    /// <summary>Throws a <see cref="UsageException"/> naming every <c>--set</c> the script never asked for.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _givenOrder.Where(n => !_requested.ContainsKey(n)).ToList();
        if (unknown.Count == 0) return;
        var asks = _requestedOrder.Count == 0 ? "it asks for none" : $"it asks for: {string.Join(", ", _requestedOrder)}";
        var names = string.Join(", ", unknown.Select(n => $"'{n}'"));
        var subject = unknown.Count == 1 ? $"the script has no parameter {names}" : $"the script has no parameters {names}";
        var hint = SuggestionFor(unknown[0]) is { } s ? $"; did you mean '{s}'?" : "";
        throw new UsageException($"{subject} ({asks}){hint}");
    }

    /// <summary>
    /// A reminder that an error may come from the command line: when <paramref name="message"/> names a parameter
    /// (as <c>'name'</c>) that was given with <c>--set</c>, says so; otherwise null.
    /// </summary>
    public string? NoteFor(string message)
    {
        var named = _requestedOrder.Select(n => _requested[n])
            .Where(r => r.FromCommandLine && message.Contains($"'{r.Name}'", StringComparison.Ordinal))
            .Select(r => $"--set {r.Name}={_given[r.Name]}")
            .ToList();
        return named.Count == 0 ? null : $"the value came from the command line: {string.Join(", ", named)}";
    }

    private string? SuggestionFor(string name) =>
        _requestedOrder.Where(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase) || Distance(r, name) <= Math.Max(1, name.Length / 4))
            .OrderBy(r => Distance(r, name)).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>One parameter the script asked for.</summary>
    /// <param name="Name">Its name.</param>
    /// <param name="Type">The type of its default.</param>
    /// <param name="Default">The script's default.</param>
    /// <param name="Value">The value the script got.</param>
    /// <param name="FromCommandLine">True when the value came from <c>--set</c>.</param>
    internal sealed record Requested(string Name, Type Type, object? Default, object? Value, bool FromCommandLine);
}
