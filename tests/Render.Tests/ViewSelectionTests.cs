using Dendra.Render.Live;
using Dendra.Render.Views;

namespace Dendra.Render.Tests;

public class ViewSelectionTests
{
    [Fact]
    public void Digit_keys_hide_and_show_views_and_hiding_all_shows_all()
    {
        IView[] views = [new RasterView(), new RateView(), new TraceView()];
        var selection = new ViewSelection(views);
        Assert.True(selection.Toggle(Key.Digit0 + 2));            // "2": the rate view
        Assert.Equal([views[0], views[2]], selection.Layout().Views);
        Assert.False(selection.Toggle(Key.Space));                // not a digit: nothing changes
        Assert.True(selection.Toggle(Key.Digit9));                // no ninth view: nothing changes
        Assert.Equal([views[0], views[2]], selection.Layout().Views);
        selection.Toggle(Key.Digit0 + 1);
        selection.Toggle(Key.Digit0 + 3);
        Assert.Equal(views, selection.Layout().Views);            // all hidden: the window is never empty
        selection.Toggle(Key.Digit0 + 2);
        Assert.Equal([views[1]], selection.Layout().Views);
    }
}
