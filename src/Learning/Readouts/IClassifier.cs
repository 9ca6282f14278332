namespace Dendra.Learning.Readouts;

/// <summary>A readout that scores each class for a row of features; the highest score is its answer.</summary>
public interface IClassifier
{
    /// <summary>Values per input row.</summary>
    int Features { get; }

    /// <summary>Number of classes.</summary>
    int Classes { get; }

    /// <summary>Writes one score per class for <paramref name="row"/> into <paramref name="scores"/>.</summary>
    void Scores(ReadOnlySpan<float> row, Span<float> scores);
}
