using Silk.NET.OpenGL;

namespace Dendra.Render.Drawing;

/// <summary>A linked vertex + fragment shader pair; compile and link errors carry the driver's log.</summary>
internal sealed class ShaderProgram : IDisposable
{
    private readonly GL _gl;

    /// <summary>Compiles and links the two stages.</summary>
    public ShaderProgram(GL gl, string name, string vertexSource, string fragmentSource)
    {
        _gl = gl;
        uint vertex = Compile(gl, name, ShaderType.VertexShader, vertexSource);
        uint fragment = Compile(gl, name, ShaderType.FragmentShader, fragmentSource);
        Handle = gl.CreateProgram();
        gl.AttachShader(Handle, vertex);
        gl.AttachShader(Handle, fragment);
        gl.LinkProgram(Handle);
        gl.DeleteShader(vertex);
        gl.DeleteShader(fragment);
        gl.GetProgram(Handle, ProgramPropertyARB.LinkStatus, out int linked);
        if (linked == 0) throw new RenderException($"the {name} shader does not link: {gl.GetProgramInfoLog(Handle)}");
    }

    /// <summary>The OpenGL program object.</summary>
    public uint Handle { get; }

    /// <summary>Location of a uniform.</summary>
    public int Uniform(string name) => _gl.GetUniformLocation(Handle, name);

    private static uint Compile(GL gl, string name, ShaderType type, string source)
    {
        uint shader = gl.CreateShader(type);
        gl.ShaderSource(shader, source);
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
        if (compiled != 0) return shader;
        var log = gl.GetShaderInfoLog(shader);
        gl.DeleteShader(shader);
        throw new RenderException($"the {name} {(type == ShaderType.VertexShader ? "vertex" : "fragment")} shader does not compile: {log}");
    }

    /// <inheritdoc/>
    public void Dispose() => _gl.DeleteProgram(Handle);
}
