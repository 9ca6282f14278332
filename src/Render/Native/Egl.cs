using System.Runtime.InteropServices;

namespace Dendra.Render.Native;

/// <summary>
/// The dozen EGL calls that create an OpenGL context with no window and no display server (Mesa's surfaceless
/// platform): what offscreen rendering needs on a machine with no X server. No maintained .NET binding for EGL is
/// served by our package source, so these few are declared here (docs/decisions.md).
/// </summary>
internal static partial class Egl
{
    public const int Success = 0x3000;
    public const int None = 0x3038;
    public const int RenderableType = 0x3040;
    public const int OpenGlBit = 0x0008;
    public const int SurfaceType = 0x3033;
    public const int PbufferBit = 0x0001;
    public const int OpenGlApi = 0x30A2;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x0001;
    public const int PlatformSurfacelessMesa = 0x31DD;
    public const int Extensions = 0x3055;

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglGetPlatformDisplay")]
    public static partial nint GetPlatformDisplay(int platform, nint nativeDisplay, nint attributes);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglQueryString")]
    public static partial nint QueryString(nint display, int name);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglInitialize")]
    [return: MarshalAs(UnmanagedType.U4)]
    public static partial uint Initialize(nint display, out int major, out int minor);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglBindAPI")]
    public static partial uint BindApi(int api);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglChooseConfig")]
    public static partial uint ChooseConfig(nint display, int[] attributes, out nint config, int size, out int count);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglCreateContext")]
    public static partial nint CreateContext(nint display, nint config, nint share, int[] attributes);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglMakeCurrent")]
    public static partial uint MakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglGetError")]
    public static partial int GetError();

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglDestroyContext")]
    public static partial uint DestroyContext(nint display, nint context);

    [LibraryImport(NativeLibraries.Egl, EntryPoint = "eglTerminate")]
    public static partial uint Terminate(nint display);
}
