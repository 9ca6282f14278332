using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Replay;
using Dendra.Render.Views;
using Dendra.Simulator.Recording;

namespace Dendra.Render.Tests;

/// <summary>
/// A learner's units' activity beside its mosaic: the raster's pixels are each image's values scaled to its largest (a
/// winner kept where units share a pixel); a learner's recording with activity replays it beside the mosaic, snapshot by
/// snapshot; one recorded without activity, as every learner's recording was before there was any, replays its mosaic alone.
/// </summary>
public sealed class LearnerActivityTests : IDisposable
{
    private readonly string _dir;

    public LearnerActivityTests()
    {
        Egl.Require();
        _dir = Directory.CreateTempSubdirectory("dendra-learner-activity-").FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RunStatus Status => new(0, double.NaN, double.NaN, "learner");

    /// <summary>The centre of the pixels of image <paramref name="image"/>, unit <paramref name="unit"/> in a raster placed in <paramref name="plot"/>.</summary>
    private static (int X, int Y) Cell(UnitActivity activity, Area plot, int image, int unit)
    {
        var (area, columns, rows) = UnitActivityView.Placement(activity, plot);
        int x = (int)((long)unit * columns / activity.Units), y = (int)((long)image * rows / activity.Images);
        return (area.X + x * area.Width / columns + area.Width / columns / 2, area.Y + y * area.Height / rows + area.Height / rows / 2);
    }

    [SkippableFact]
    public void Each_image_is_a_row_of_its_values_scaled_to_its_largest_and_a_winner_survives_units_sharing_a_pixel()
    {
        using var renderer = new OffscreenRenderer(480, 320);
        var layout = new Layout([new UnitActivityView("learner", "g")]);
        var plot = renderer.PlotAreas(layout)[0];

        float[] values = [1, 0, -0.4f, 0, 0, /**/ 0, 0.5f, 2, 0, 0, /**/ 0, 0, 0, 0, 0];
        var few = new UnitActivity("learner", "g", 3, 5, values);
        var frame = renderer.Render(new ActivitySnapshot(1, 0, 1, [], Status) { Activities = [few] }, layout);
        float[] largest = [1, 2, 0];
        for (int b = 0; b < 3; b++)
            for (int u = 0; u < 5; u++)
            {
                var (x, y) = Cell(few, plot, b, u);
                var expected = UnitActivityView.Color(largest[b] > 0 ? values[b * 5 + u] / largest[b] : 0);
                Assert.Equal(expected, frame.Get(x, y));
            }
        Assert.Equal(new Rgba(255, 60, 40), frame.Get(Cell(few, plot, 0, 0).X, Cell(few, plot, 0, 0).Y)); // a winner is full red

        // 2000 units across a panel narrower than 2000 pixels: each pixel shows the largest of its units, so every image's one
        // active unit is full red, wherever it lies among the units it shares its pixel with, and the rest of the row is black.
        int units = 2000, images = 40;
        var sparse = new float[images * units];
        for (int b = 0; b < images; b++) sparse[b * units + (b * 397 + 11) % units] = 0.3f + b;
        var many = new UnitActivity("learner", "relu(h)", images, units, sparse);
        frame = renderer.Render(new ActivitySnapshot(1, 0, 1, [], Status) { Activities = [many] }, layout);
        var (area, columns, rows) = UnitActivityView.Placement(many, plot);
        Assert.True(columns < units && rows == images, $"{columns} columns, {rows} rows");
        for (int b = 0; b < images; b++)
        {
            var (_, y) = Cell(many, plot, b, 0);
            int winner = (int)((long)((b * 397 + 11) % units) * columns / units);
            for (int x = 0; x < columns; x++)
                Assert.Equal(x == winner ? new Rgba(255, 60, 40) : new Rgba(0, 0, 0), frame.Get(area.X + x, y));
        }
    }

    /// <summary>
    /// 4 units learn 4×4 images of one bright row each: the unit nearest an image moves toward it. It shows, per image, g = 1
    /// for the nearest unit and −0.5 for the second nearest, and keeps what it showed after every minibatch.
    /// </summary>
    private sealed class Competitive(bool showsActivity) : Learner("competitive", 4, 16)
    {
        private float[] _g = [];
        private int _images;

        public List<float[]> Shown { get; } = [];

        public override string? ActivityQuantity => showsActivity ? "g" : null;

        public override LearnerActivity? LatestActivity(int images = LearnerActivity.ImagesShown) =>
            showsActivity && _images > 0 ? new LearnerActivity("g", Math.Min(images, _images), Units, _g[..(Math.Min(images, _images) * Units)]) : null;

        public override void Learn(Minibatch batch, double progress)
        {
            (_images, _g) = (batch.Count, new float[batch.Count * Units]);
            for (int b = 0; b < batch.Count; b++)
            {
                var x = batch.Inputs.AsSpan(b * Features, Features);
                var distance = new double[Units];
                for (int u = 0; u < Units; u++)
                    for (int f = 0; f < Features; f++) distance[u] += (Weights[u * Features + f] - x[f]) * (Weights[u * Features + f] - x[f]);
                var ranked = Enumerable.Range(0, Units).OrderBy(u => distance[u]).ToArray();
                _g[b * Units + ranked[0]] = 1;
                _g[b * Units + ranked[1]] = -0.5f;
                for (int f = 0; f < Features; f++) Weights[ranked[0] * Features + f] += 0.3f * (x[f] - Weights[ranked[0] * Features + f]);
            }
            Shown.Add(_g.ToArray());
        }
    }

    private static LabeledSet Bars()
    {
        var random = new Random(3);
        var images = new float[24 * 16];
        var labels = new int[24];
        for (int k = 0; k < 24; k++)
        {
            labels[k] = k % 4;
            for (int x = 0; x < 4; x++) images[k * 16 + labels[k] * 4 + x] = 0.6f + 0.4f * (float)random.NextDouble();
        }
        return new LabeledSet(images, labels, 16, 4);
    }

    private string Record(Competitive learner)
    {
        var path = Path.Combine(_dir, $"{(learner.ActivityQuantity is null ? "plain" : "activity")}.dnr");
        using var recording = new LearnerRecording(path, seed: 2);
        LearnerTraining.Run(learner, Bars(), Bars(), new LearnerSchedule { Epochs = 2, BatchSize = 4, Seed = 2, InitialScale = 0.3 }, watchers: [recording]);
        return path;
    }

    [SkippableFact]
    public void A_recording_with_activity_replays_it_beside_the_mosaic_snapshot_by_snapshot()
    {
        var learner = new Competitive(showsActivity: true);
        using var recording = RecordingReader.Open(Record(learner));
        var activity = new RecordingActivity(recording);
        var views = activity.Views();
        Assert.Collection(views, v => Assert.IsType<ReceptiveFieldView>(v), v => Assert.Equal("g", Assert.IsType<UnitActivityView>(v).Quantity));

        using var renderer = new OffscreenRenderer(640, 360);
        var layout = new Layout(views);
        var plot = renderer.PlotAreas(layout, withTimeline: true)[1];
        var steps = recording.ReadWeights("competitive").Select(w => w.Step).ToList();
        Assert.Equal(13, steps.Count); // the initial weights, then one snapshot per minibatch of 2 × 6
        Assert.Empty(activity.Snapshot(0, Status).Activities); // no minibatch before the initial weights
        int differing = 0;
        float[]? previous = null;
        foreach (var step in steps.Skip(1))
        {
            var snapshot = activity.Snapshot(step, Status);
            var shown = Assert.Single(snapshot.Activities);
            var g = learner.Shown[(int)step - 1];
            Assert.Equal(("competitive", "g", 4, 4), (shown.Name, shown.Quantity, shown.Images, shown.Units));
            Assert.Equal(g, shown.Values);
            Assert.Single(snapshot.Fields);
            var frame = renderer.Render(snapshot, layout);
            for (int b = 0; b < 4; b++)
                for (int u = 0; u < 4; u++)
                {
                    var (x, y) = Cell(shown, plot, b, u);
                    Assert.Equal(UnitActivityView.Color(g[b * 4 + u]), frame.Get(x, y));
                }
            if (previous is not null && !previous.SequenceEqual(g)) differing++;
            previous = g;
        }
        Assert.True(differing >= 6, $"the activity changed at only {differing} of 11 snapshots");
    }

    [SkippableFact]
    public void A_recording_without_activity_replays_its_mosaic_alone()
    {
        using var recording = RecordingReader.Open(Record(new Competitive(showsActivity: false)));
        Assert.Empty(recording.Header.StateStreams); // what every learner's recording was before activity was recorded
        var activity = new RecordingActivity(recording);
        var view = Assert.Single(activity.Views());
        Assert.IsType<ReceptiveFieldView>(view);

        using var renderer = new OffscreenRenderer(640, 360);
        var layout = new Layout([view]);
        var plot = renderer.PlotAreas(layout, withTimeline: true)[0];
        var last = recording.ReadWeights("competitive")[^1];
        var snapshot = activity.Snapshot(last.Step, Status);
        Assert.Empty(snapshot.Activities);
        var fields = Assert.Single(snapshot.Fields);
        var frame = renderer.Render(snapshot, layout);
        var (columns, scale) = ReceptiveFieldView.TileLayout(fields, plot);
        for (int unit = 0; unit < 4; unit++)
        {
            var tile = ReceptiveFieldView.TileArea(fields, plot, columns, scale, unit);
            var own = last.Values.Skip(unit * 16).Take(16).Select(v => (float)v).ToArray();
            for (int k = 0; k < 16; k++)
                Assert.Equal(ReceptiveFieldView.Color(own[k], own.Min(), own.Max()), frame.Get(tile.X + k % 4 * scale + scale / 2, tile.Y + k / 4 * scale + scale / 2));
        }
    }
}
