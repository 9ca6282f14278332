using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Dendra.Cli.Scripting;

/// <summary>
/// A cache of compiled scripts on disk, so that running an unchanged script again skips the C# compiler
/// (whose start-up, mostly just-in-time compilation of Roslyn itself, is most of <c>dendra run</c>'s start-up).
/// </summary>
/// <remarks>
/// <para>
/// An entry is one file, <c>&lt;key&gt;.dscache</c>, named by the SHA-256 of everything the compiled code depends
/// on: the script text, its path (the debug information records it, and error messages show it), the identities
/// (module version ids) of the CLI and the Dendra assemblies, the compiler and runtime versions, and the
/// compilation settings. It holds the assembly, its portable PDB (so that run-time errors still name the script
/// line), the name of the script's entry point and a SHA-256 of all of that, checked on every load: an entry that
/// does not check out is deleted and treated as a miss.
/// </para>
/// <para>
/// The directory is <c>$DENDRA_CACHE_DIR</c> when set, else <c>$XDG_CACHE_HOME/dendra/scripts</c>, else
/// <c>~/.cache/dendra/scripts</c>. <c>DENDRA_NO_CACHE=1</c> turns the cache off; <c>DENDRA_CACHE_VERBOSE=1</c>
/// reports hits, misses and stores on standard error. Compile errors are never cached.
/// </para>
/// </remarks>
internal sealed class ScriptCache
{
    /// <summary>Environment variable naming the cache directory.</summary>
    internal const string DirectoryVariable = "DENDRA_CACHE_DIR";

    /// <summary>Environment variable that turns the cache off when <c>1</c>.</summary>
    internal const string DisableVariable = "DENDRA_NO_CACHE";

    /// <summary>Environment variable that makes the cache say what it does on standard error when <c>1</c>.</summary>
    internal const string VerboseVariable = "DENDRA_CACHE_VERBOSE";

    /// <summary>File name extension of cache entries.</summary>
    internal const string Extension = ".dscache";

    /// <summary>Changes whenever the entry format or the way scripts are compiled changes.</summary>
    private const string FormatVersion = "dendra-script-cache-1";

    private static readonly byte[] Magic = "DSCACHE1"u8.ToArray();

    private readonly TextWriter? _log;

    private ScriptCache(string directory, TextWriter? log)
    {
        Directory = directory;
        _log = log;
    }

    /// <summary>Where the entries are.</summary>
    public string Directory { get; }

    /// <summary>The cache the environment asks for, or null when it is turned off or has no home.</summary>
    public static ScriptCache? FromEnvironment(TextWriter error)
    {
        if (Environment.GetEnvironmentVariable(DisableVariable) is { Length: > 0 } off && off != "0") return null;
        var log = Environment.GetEnvironmentVariable(VerboseVariable) == "1" ? error : null;

        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(xdg) || !Path.IsPathRooted(xdg))
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                if (string.IsNullOrEmpty(home)) return null;
                xdg = Path.Combine(home, ".cache");
            }
            directory = Path.Combine(xdg, "dendra", "scripts");
        }
        return new ScriptCache(Path.GetFullPath(directory), log);
    }

    /// <summary>
    /// The key of a script: SHA-256 (hex) of its text, its path as given and in full, and
    /// <paramref name="settings"/> (what else the compiled code depends on, see <see cref="EnvironmentFingerprint"/>).
    /// </summary>
    public static string Key(string code, string path, string settings)
    {
        var text = string.Join('\0', FormatVersion, path, SafeFullPath(path), settings, code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// What compiled scripts depend on besides their text: the module version ids of <paramref name="assemblies"/>
    /// (the CLI, the Dendra assemblies, the compiler), the runtime version and <paramref name="options"/>.
    /// </summary>
    public static string EnvironmentFingerprint(IEnumerable<Assembly> assemblies, string options)
    {
        var sb = new StringBuilder();
        sb.Append(Environment.Version).Append('|').Append(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription).Append('|');
        foreach (var a in assemblies.Distinct())
        {
            sb.Append(a.GetName().FullName).Append('#').Append(a.ManifestModule.ModuleVersionId.ToString("N", CultureInfo.InvariantCulture)).Append('|');
        }
        return sb.Append(options).ToString();
    }

    /// <summary>Full path of the entry for <paramref name="key"/>.</summary>
    public string EntryPath(string key) => Path.Combine(Directory, key + Extension);

    /// <summary>
    /// Loads the entry for <paramref name="key"/> into the default load context and returns its entry point
    /// (the static submission factory), or null on a miss. A corrupt entry is deleted and counts as a miss.
    /// </summary>
    public MethodInfo? TryLoad(string key)
    {
        var file = EntryPath(key);
        byte[] data;
        try
        {
            if (!File.Exists(file))
            {
                Log($"script cache: miss {key}");
                return null;
            }
            data = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log($"script cache: cannot read {file}: {e.Message}");
            return null;
        }

        if (!TryDecode(data, out var assemblyBytes, out var pdbBytes, out var typeName, out var methodName))
        {
            Discard(file, "corrupt");
            return null;
        }

        try
        {
            var assembly = Assembly.Load(assemblyBytes, pdbBytes);
            var method = assembly.GetType(typeName, throwOnError: false)?.GetMethod(methodName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
            if (!IsSubmissionFactory(method))
            {
                Discard(file, "no entry point");
                return null;
            }
            Log($"script cache: hit {key}");
            return method;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException)
        {
            Discard(file, e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// Stores a compiled script under <paramref name="key"/>, atomically (a temporary file renamed into place).
    /// Failures are not errors: the script simply is not cached.
    /// </summary>
    public void Store(string key, ReadOnlySpan<byte> assembly, ReadOnlySpan<byte> pdb, string typeName, string methodName)
    {
        var file = EntryPath(key);
        var temp = Path.Combine(Directory, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(temp, Encode(assembly, pdb, typeName, methodName));
            File.Move(temp, file, overwrite: true);
            Log($"script cache: stored {key}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Log($"script cache: cannot store {file}: {e.Message}");
            TryDelete(temp);
        }
    }

    /// <summary>True when <paramref name="method"/> looks like a script's entry point: <c>static Task&lt;object&gt; (object[])</c>.</summary>
    internal static bool IsSubmissionFactory([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] MethodInfo? method) =>
        method is { IsStatic: true } && method.ReturnType == typeof(Task<object>)
        && method.GetParameters() is [{ ParameterType: var parameter }] && parameter == typeof(object[]);

    private static byte[] Encode(ReadOnlySpan<byte> assembly, ReadOnlySpan<byte> pdb, string typeName, string methodName)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(typeName);
            writer.Write(methodName);
            writer.Write(assembly.Length);
            writer.Write(assembly);
            writer.Write(pdb.Length);
            writer.Write(pdb);
        }
        var payload = stream.ToArray();
        return [.. payload, .. SHA256.HashData(payload)];
    }

    private static bool TryDecode(byte[] data, out byte[] assembly, out byte[] pdb, out string typeName, out string methodName)
    {
        assembly = pdb = [];
        typeName = methodName = "";
        const int hashLength = SHA256.HashSizeInBytes;
        if (data.Length < Magic.Length + hashLength) return false;
        var payload = data.AsSpan(0, data.Length - hashLength);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(data.AsSpan(data.Length - hashLength))) return false;
        if (!payload.StartsWith(Magic)) return false;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data, 0, payload.Length), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            typeName = reader.ReadString();
            methodName = reader.ReadString();
            assembly = reader.ReadBytes(reader.ReadInt32());
            pdb = reader.ReadBytes(reader.ReadInt32());
            return assembly.Length > 0 && reader.BaseStream.Position == payload.Length;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    private void Discard(string file, string why)
    {
        Log($"script cache: discarding {Path.GetFileName(file)} ({why})");
        TryDelete(file);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run to retry; never an error.
        }
    }

    private static string SafeFullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            return path;
        }
    }

    private void Log(string message) => _log?.WriteLine(message);
}
