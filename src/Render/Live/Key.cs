namespace Dendra.Render.Live;

/// <summary>The keys the live window and the replay player act on (GLFW key codes).</summary>
internal enum Key
{
    Space = 32,
    Comma = 44,
    Minus = 45,
    Period = 46,
    Digit0 = 48,
    Digit9 = 57,
    Equal = 61,
    P = 80,
    Q = 81,
    S = 83,
    Escape = 256,
    Right = 262,
    Left = 263,
    Down = 264,
    Up = 265,
    Home = 268,
    End = 269,
    F12 = 301,
}
