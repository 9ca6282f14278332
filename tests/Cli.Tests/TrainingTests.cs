using Dendra.Simulator.Recording;
using SkiaSharp;

namespace Dendra.Cli.Tests;

/// <summary>A training run from a script: its progress lines, its recording (info, plot of the learning curve), and the
/// mistakes a user can make, each one clear message and a non-zero exit.</summary>
public sealed class TrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-training-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_recorded_training_run_reports_progress_in_plain_lines_and_plot_draws_its_learning_curve()
    {
        string path = Path.Combine(_dir, "training.dnr");
        var r = DendraProcess.Run("run", DendraProcess.Script("train.csx"), "--set", $"record={path}");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("trained on 48 samples", r.StdOut, StringComparison.Ordinal);
        // Not a terminal: plain lines, one at least at the end of each epoch, with the latest metric.
        Assert.Matches(@"epoch 1/2  24/24 samples  \d+ samples/s  ETA \S+  mean weight \d", r.StdErr);
        Assert.Matches(@"epoch 2/2  24/24 samples  \d+ samples/s  ETA 0:00  mean weight \d", r.StdErr);
        Assert.DoesNotContain("\u001b[", r.StdErr, StringComparison.Ordinal);

        var info = DendraProcess.Run("info", path);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("rate projection input->output: input → output, 3 × 16 weights, learning by Oja", info.StdOut, StringComparison.Ordinal);
        Assert.Contains("weights: input->output.w", info.StdOut, StringComparison.Ordinal);
        Assert.Contains("metrics: mean weight (6 values)", info.StdOut, StringComparison.Ordinal);

        var plot = DendraProcess.Run("plot", path, "--what", "learning");
        Assert.True(plot.ExitCode == 0, plot.ToString());
        using var bitmap = SKBitmap.Decode(Path.Combine(_dir, "training-learning.png"));
        Assert.Equal((1000, 500), (bitmap.Width, bitmap.Height));
        // The curve is drawn in the first colour of the palette (blue 31,119,180): six markers and the lines between them.
        int blue = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) is var p && Math.Abs(p.Red - 31) < 30 && Math.Abs(p.Green - 119) < 30 && Math.Abs(p.Blue - 180) < 30) blue++;
        Assert.True(blue > 500, $"{blue} pixels of the curve's colour");

        var none = DendraProcess.Run("plot", path, "--what", "raster");
        Assert.Equal(2, none.ExitCode);
    }

    [Theory]
    [InlineData("inputs=10", "the input population 'input' has 10 neurons, but each sample has 16 values: give the input population 16 neurons, one per value")]
    [InlineData("bad_label=7", "label 7 of sample 5 is out of range: with 4 classes a label is 0 to 3")]
    [InlineData("batch=0", "a batch holds at least one instance")]
    public void A_bad_training_setup_is_one_clear_message_and_a_non_zero_exit(string setting, string message)
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("train.csx"), "--set", setting);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(message, r.StdErr, StringComparison.Ordinal);
        Assert.Contains("train.csx:", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.True(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 5, r.StdErr);
    }
}
