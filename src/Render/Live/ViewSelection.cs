using Dendra.Render.Views;

namespace Dendra.Render.Live;

/// <summary>Which of a window's views are shown: the digit keys 1–9 (and 0 for the tenth) hide or show one each.</summary>
internal sealed class ViewSelection(IReadOnlyList<IView> views)
{
    private readonly bool[] _hidden = new bool[views.Count];

    /// <summary>Hides or shows the view numbered by <paramref name="key"/>; false when the key is not a digit.</summary>
    public bool Toggle(Key key)
    {
        if (key is < Key.Digit0 or > Key.Digit9) return false;
        int index = key == Key.Digit0 ? 9 : key - Key.Digit0 - 1;
        if (index < views.Count) _hidden[index] = !_hidden[index];
        return true;
    }

    /// <summary>The shown views in two columns; every view when all are hidden, so that the window is never empty.</summary>
    public Layout Layout()
    {
        var visible = views.Where((_, k) => !_hidden[k]).ToList();
        return new Layout(visible.Count > 0 ? visible : views, columns: 2);
    }
}
