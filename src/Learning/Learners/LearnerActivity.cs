namespace Dendra.Learning.Learners;

/// <summary>
/// What a learner's units did in its latest minibatch (<see cref="Learner.LatestActivity"/>): one value per image and
/// unit, the activity that decided who learned (the settled, rectified h of Krotov &amp; Hopfield's full dynamics; the
/// g of their rank shortcut). Views draw it beside the receptive fields; a recording keeps it with each weight snapshot.
/// </summary>
/// <param name="Quantity">What the values are, as views and recordings name it (e.g. <c>relu(h)</c>, <c>g</c>).</param>
/// <param name="Images">Rows: the first images of the minibatch.</param>
/// <param name="Units">Columns: the learner's units.</param>
/// <param name="Values">Row-major [image, unit]: <c>Values[image * Units + unit]</c>.</param>
public sealed record LearnerActivity(string Quantity, int Images, int Units, float[] Values)
{
    /// <summary>Images a watcher asks for at most (<see cref="Learner.LatestActivity"/>): enough rows to see the competition
    /// across a minibatch, and at 2000 units 800 kB per snapshot, a tenth of the weights' 6 MB.</summary>
    public const int ImagesShown = 100;
}
