using Dendra.Render.Context;
using Dendra.Render.Drawing;

namespace Dendra.Render.Tests;

public class HeadlessContextTests
{
    [Fact]
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
}
