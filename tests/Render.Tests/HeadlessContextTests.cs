using Dendra.Render.Context;
using Dendra.Render.Drawing;

namespace Dendra.Render.Tests;

public class HeadlessContextTests
{
    /// <summary>Every test here renders offscreen: skips them where EGL is missing (fails them on CI).</summary>
    public HeadlessContextTests() => Egl.Require();

    [SkippableFact]
    public void A_cleared_offscreen_frame_reads_back_the_clear_colour_in_every_pixel()
    {
        using var context = HeadlessContext.Create();
        using var target = new Framebuffer(context.Gl, 64, 32);
        target.Bind();
        context.Gl.ClearColor(1f, 0.5f, 0f, 1f);
        context.Gl.Clear(Silk.NET.OpenGL.ClearBufferMask.ColorBufferBit);
        var pixels = target.ReadRgba();

        Assert.Equal(64 * 32 * 4, pixels.Length);
        for (int k = 0; k < pixels.Length; k += 4)
        {
            Assert.Equal(255, pixels[k]);
            Assert.InRange(pixels[k + 1], 127, 128);
            Assert.Equal(0, pixels[k + 2]);
            Assert.Equal(255, pixels[k + 3]);
        }
        Assert.False(string.IsNullOrEmpty(context.Renderer));
    }

    [SkippableFact]
    public void Contexts_made_and_dropped_on_several_threads_at_once_do_not_end_each_others_display()
    {
        // EGL gives the whole process one surfaceless display; a context that terminated it on disposal left the
        // others, on other threads, with an uninitialized display (EGL_NOT_INITIALIZED mid-creation or mid-frame).
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            try
            {
                for (int round = 0; round < 25; round++)
                {
                    using var context = HeadlessContext.Create();
                    using var target = new Framebuffer(context.Gl, 8, 8);
                    target.Bind();
                    context.Gl.ClearColor(0f, 1f, 0f, 1f);
                    context.Gl.Clear(Silk.NET.OpenGL.ClearBufferMask.ColorBufferBit);
                    var pixels = target.ReadRgba();
                    if (pixels[1] != 255 || pixels[0] != 0)
                        throw new InvalidOperationException($"thread {t} round {round} read ({pixels[0]}, {pixels[1]}, {pixels[2]})");
                }
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
    }
}
