using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Views;

namespace Dendra.Render.Tests;

/// <summary>
/// A renderer reuses its raster image and textures from frame to frame; these tests check that nothing of an earlier
/// frame shows through: every frame must equal the same frame drawn by a renderer that has drawn nothing before.
/// </summary>
public sealed class BufferReuseTests
{
    /// <summary>Every test here renders offscreen: skips them where EGL is missing (fails them on CI).</summary>
    public BufferReuseTests() => Egl.Require();

    private static readonly RunStatus Status = new(1.25, 2.5, 1234, "cpu");

    /// <summary>Random spikes of two populations (300 and 200 neurons) in a 2000-step window starting at <paramref name="start"/>.</summary>
    private static ActivitySnapshot Spikes(int seed, long start, int count)
    {
        var rng = new Random(seed);
        PopulationSpikes Population(string name, int size)
        {
            var steps = Enumerable.Range(0, count).Select(_ => start + rng.Next(0, 2000)).Order().ToArray();
            return new PopulationSpikes(name, size, steps, steps.Select(_ => rng.Next(0, size)).ToArray()) { Grid = (size / 10, 10) };
        }
        return new ActivitySnapshot(1e-4, start, start + 2000, [Population("A", 300), Population("B", 200)], Status);
    }

    /// <summary>The frames drawn one after another by one renderer (done before any other renderer's context is made current).</summary>
    private static List<RgbaImage> Reused(IEnumerable<(ActivitySnapshot Snapshot, Layout Layout)> frames)
    {
        using var renderer = new OffscreenRenderer(400, 240);
        return frames.Select(f => renderer.Render(f.Snapshot, f.Layout)).ToList();
    }

    private static RgbaImage Fresh(ActivitySnapshot snapshot, Layout layout, int width, int height)
    {
        using var renderer = new OffscreenRenderer(width, height);
        return renderer.Render(snapshot, layout);
    }

    [SkippableFact]
    public void Successive_frames_of_a_reused_renderer_equal_frames_drawn_afresh()
    {
        var layout = new Layout([new RasterView(), new HeatmapView("A")]);
        // A busy frame first, then a sparse one: any stale lit pixel or texel of the first would show in the second.
        var frames = new[] { Spikes(1, 0, 5000), Spikes(2, 500, 40), Spikes(3, 1000, 0), Spikes(4, 1500, 300) };
        var drawn = Reused(frames.Select(s => (s, layout)));
        for (int k = 0; k < frames.Length; k++) Assert.Equal(Fresh(frames[k], layout, 400, 240).Pixels, drawn[k].Pixels);
    }

    [SkippableFact]
    public void A_layout_that_changes_the_raster_size_between_frames_draws_like_a_fresh_renderer()
    {
        // One view, then two (the raster's panel shrinks), then one again: the image buffer and textures change size and back.
        var one = new Layout([new RasterView()]);
        var two = new Layout([new RasterView(), new HeatmapView("B")], columns: 2);
        var frames = new[] { (Spikes(1, 0, 800), one), (Spikes(2, 0, 800), two), (Spikes(3, 0, 800), one), (Spikes(4, 0, 800), two) };
        var drawn = Reused(frames);
        for (int k = 0; k < frames.Length; k++) Assert.Equal(Fresh(frames[k].Item1, frames[k].Item2, 400, 240).Pixels, drawn[k].Pixels);
    }

    [SkippableFact]
    public void Scratch_image_is_transparent_each_time_and_new_only_when_its_size_changes()
    {
        using var context = Context.HeadlessContext.Create();
        using var canvas = new Canvas(context.Gl);
        var first = canvas.Scratch(30, 20);
        first.Fill(new Rgba(200, 10, 10));
        var again = canvas.Scratch(30, 20);
        Assert.Same(first, again);
        Assert.All(again.Pixels, b => Assert.Equal(0, b));
        var other = canvas.Scratch(31, 20);
        Assert.NotSame(first, other);
        Assert.Equal((31, 20), (other.Width, other.Height));
    }
}
