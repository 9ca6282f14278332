using System.Buffers;
using Dendra.Learning.Datasets;
using MessagePack;

namespace Dendra.Learning.Readouts;

/// <summary>
/// Labels for an unsupervised network's units, as Diehl &amp; Cook (2015) assign them: each unit gets the class it
/// responds to most on average (a unit that never responds gets none, <see cref="Unassigned"/>); a sample is then
/// classified as the class whose units respond most on average. Responses are any non-negative activity per unit and
/// sample: spike counts, rates.
/// </summary>
public sealed class LabelAssignment : IClassifier
{
    /// <summary>The class of a unit that never responded.</summary>
    public const int Unassigned = -1;

    private const string Magic = "dendra-label-assignment";
    private const int Version = 1;

    /// <summary>An assignment of <paramref name="assignments"/> (one class per unit, or <see cref="Unassigned"/>).</summary>
    /// <exception cref="ArgumentException">A class outside 0 to <paramref name="classes"/> − 1 other than <see cref="Unassigned"/>.</exception>
    public LabelAssignment(int[] assignments, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(assignments.Length, 1, nameof(assignments));
        for (int u = 0; u < assignments.Length; u++)
        {
            if (assignments[u] != Unassigned && (uint)assignments[u] >= (uint)classes)
                throw new ArgumentException($"unit {u} is assigned class {assignments[u]}: with {classes} classes a class is 0 to {classes - 1}, or {Unassigned} for none", nameof(assignments));
        }
        Assignments = assignments;
        Classes = classes;
        UnitsPerClass = new int[classes];
        foreach (var a in assignments) if (a != Unassigned) UnitsPerClass[a]++;
    }

    /// <summary>The class of each unit, or <see cref="Unassigned"/>.</summary>
    public int[] Assignments { get; }

    /// <summary>How many units each class has.</summary>
    public int[] UnitsPerClass { get; }

    /// <summary>Units: the length of a row of responses.</summary>
    public int Features => Assignments.Length;

    /// <inheritdoc/>
    public int Classes { get; }

    /// <summary>
    /// Assigns each unit the class of its highest mean response over <paramref name="responses"/> (rows: one response per
    /// unit; labels: the class shown). Ties go to the lower class; a unit whose mean responses are all 0 stays unassigned.
    /// </summary>
    /// <exception cref="ArgumentException">A negative or non-finite response (the message names the sample and unit).</exception>
    public static LabelAssignment Fit(LabeledSet responses)
    {
        int units = responses.Features, classes = responses.Classes;
        var sums = new double[classes * units];
        var shown = new int[classes];
        var row = new float[units];
        for (int k = 0; k < responses.Count; k++)
        {
            responses.CopyRow(k, row);
            int label = responses.Labels[k];
            shown[label]++;
            for (int u = 0; u < units; u++)
            {
                if (!(row[u] >= 0) || float.IsInfinity(row[u]))
                    throw new ArgumentException($"response {row[u]} of unit {u} to sample {k}: responses are counts or rates, finite and not negative", nameof(responses));
                sums[label * units + u] += row[u];
            }
        }
        var assignments = new int[units];
        for (int u = 0; u < units; u++)
        {
            // A strict > from 0, as Diehl & Cook's code: a silent unit has no class rather than class 0.
            double best = 0;
            assignments[u] = Unassigned;
            for (int c = 0; c < classes; c++)
            {
                if (shown[c] == 0) continue;
                double mean = sums[c * units + u] / shown[c];
                if (mean > best) (best, assignments[u]) = (mean, c);
            }
        }
        return new LabelAssignment(assignments, classes);
    }

    /// <summary>The mean response of each class's units; −∞ for a class with no units, which never wins.</summary>
    public void Scores(ReadOnlySpan<float> row, Span<float> scores)
    {
        if (row.Length != Features) throw new ArgumentException($"a row of {row.Length} responses given to an assignment of {Features} units", nameof(row));
        Span<double> sums = Classes <= 256 ? stackalloc double[Classes] : new double[Classes];
        sums.Clear();
        for (int u = 0; u < row.Length; u++) if (Assignments[u] != Unassigned) sums[Assignments[u]] += row[u];
        for (int c = 0; c < Classes; c++) scores[c] = UnitsPerClass[c] == 0 ? float.NegativeInfinity : (float)(sums[c] / UnitsPerClass[c]);
    }

    /// <summary>Writes the assignment to <paramref name="path"/> (MessagePack: <c>["dendra-label-assignment", 1, classes, assignments]</c>).</summary>
    public void Save(string path)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(4);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(Classes);
        writer.WriteArrayHeader(Assignments.Length);
        foreach (var a in Assignments) writer.Write(a);
        writer.Flush();
        File.WriteAllBytes(path, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Reads an assignment written by <see cref="Save"/>.</summary>
    /// <exception cref="DatasetException">The file is missing, not an assignment, of another version, or corrupt (the message names it).</exception>
    public static LabelAssignment Load(string path)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: no such label assignment");
        var bytes = File.ReadAllBytes(path);
        try
        {
            var reader = new MessagePackReader(bytes);
            if (reader.ReadArrayHeader() != 4 || reader.ReadString() != Magic) throw new DatasetException($"{path}: not a Dendra label assignment");
            int version = reader.ReadInt32();
            if (version != Version) throw new DatasetException($"{path}: a label assignment of version {version}; this Dendra reads version {Version}");
            int classes = reader.ReadInt32();
            var assignments = new int[reader.ReadArrayHeader()];
            for (int u = 0; u < assignments.Length; u++) assignments[u] = reader.ReadInt32();
            if (!reader.End) throw new DatasetException($"{path}: corrupt label assignment: bytes after its end");
            return new LabelAssignment(assignments, classes);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            throw new DatasetException($"{path}: corrupt label assignment: {e.Message}", e);
        }
    }
}
