using Silk.NET.OpenGL;

namespace Dendra.Render.Drawing;

/// <summary>
/// The textures <see cref="Canvas.Image"/> draws from, one per image size, each allocated once and then refilled with
/// glTexSubImage2D: re-creating a texture's storage every frame (glTexImage2D) makes the driver free and allocate it
/// again, which under llvmpipe is CPU time taken from the simulation. A frame uses few sizes (the raster, the heatmap,
/// the receptive-field tiles); when resizing has piled up more than <see cref="MaxSizes"/>, all are dropped and the
/// ones still used come back on demand.
/// </summary>
internal sealed class ImageTextures(GL gl) : IDisposable
{
    private const int MaxSizes = 16;
    private readonly Dictionary<(int Width, int Height), uint> _textures = [];

    /// <summary>Uploads <paramref name="image"/> into the texture of its size and leaves that texture bound.</summary>
    public unsafe void Upload(RgbaImage image)
    {
        var size = (image.Width, image.Height);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        if (_textures.TryGetValue(size, out uint texture))
        {
            gl.BindTexture(TextureTarget.Texture2D, texture);
            fixed (byte* p = image.Pixels)
                gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)image.Width, (uint)image.Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
            return;
        }
        if (_textures.Count >= MaxSizes) Dispose();
        texture = Canvas.CreateTexture(gl);
        _textures[size] = texture;
        fixed (byte* p = image.Pixels)
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)image.Width, (uint)image.Height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
    }

    /// <summary>Deletes every texture.</summary>
    public void Dispose()
    {
        foreach (var texture in _textures.Values) gl.DeleteTexture(texture);
        _textures.Clear();
    }
}
