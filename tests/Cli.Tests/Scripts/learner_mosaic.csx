// A tiny competitive learner for the learner view and recording tests: 4 units learn 4×4 images of one bright row each
// (winner-take-all: the unit nearest an image moves toward it), 24 images in minibatches of 4, for `epochs` epochs.
// It observes the share of images its first unit wins, so that the HUD and the recording have an observation. With
// `--set activity=true` it also shows its units' activity in each minibatch: g = 1 for the unit that won an image, −0.5
// for the runner-up, 0 for the others.
var random = new Random(3);
var images = new float[24 * 16];
var labels = new int[24];
for (int k = 0; k < 24; k++)
{
    labels[k] = k % 4;
    for (int x = 0; x < 4; x++) images[k * 16 + labels[k] * 4 + x] = 0.6f + 0.4f * (float)random.NextDouble();
}
var data = new LabeledSet(images, labels, 16, 4);
Learn(new Competitive(4, 16, Param("activity", false)), data, data, new LearnerSchedule { Epochs = Param("epochs", 2), BatchSize = 4, Seed = 2, InitialScale = 0.3 });

sealed class Competitive(int units, int features, bool showsActivity) : Learner("competitive", units, features)
{
    private float[] _g = [];

    public override string? ActivityQuantity => showsActivity ? "g" : null;

    public override LearnerActivity? LatestActivity(int images = LearnerActivity.ImagesShown)
    {
        int count = Math.Min(images, _g.Length / Units);
        return showsActivity && count > 0 ? new LearnerActivity("g", count, Units, _g[..(count * Units)]) : null;
    }

    public override void Learn(Minibatch batch, double progress)
    {
        int firstWins = 0;
        _g = new float[batch.Count * Units];
        for (int b = 0; b < batch.Count; b++)
        {
            var x = batch.Inputs.AsSpan(b * Features, Features);
            int winner = 0, second = -1;
            double best = double.PositiveInfinity, next = double.PositiveInfinity;
            for (int u = 0; u < Units; u++)
            {
                double d = 0;
                for (int f = 0; f < Features; f++) d += (Weights[u * Features + f] - x[f]) * (Weights[u * Features + f] - x[f]);
                if (d < best) (next, second, best, winner) = (best, winner, d, u);
                else if (d < next) (next, second) = (d, u);
            }
            if (winner == 0) firstWins++;
            _g[b * Units + winner] = 1;
            _g[b * Units + second] = -0.5f;
            for (int f = 0; f < Features; f++) Weights[winner * Features + f] += 0.3f * (x[f] - Weights[winner * Features + f]);
        }
        Observe("first unit's share", firstWins / (double)batch.Count);
    }
}
