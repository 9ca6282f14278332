namespace Dendra.Render;

/// <summary>Rendering cannot go on: no display, a missing native library, no OpenGL 3.3 context, a failed shader.
/// The message says what is missing and how to get it.</summary>
public sealed class RenderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RenderException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RenderException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message (for serializers).</summary>
    public RenderException()
    {
    }
}
