// A tiny competitive learner for the learner view and recording tests: 4 units learn 4×4 images of one bright row each
// (winner-take-all: the unit nearest an image moves toward it), 24 images in minibatches of 4, for `epochs` epochs.
// It observes the share of images its first unit wins, so that the HUD and the recording have an observation.
var random = new Random(3);
var images = new float[24 * 16];
var labels = new int[24];
for (int k = 0; k < 24; k++)
{
    labels[k] = k % 4;
    for (int x = 0; x < 4; x++) images[k * 16 + labels[k] * 4 + x] = 0.6f + 0.4f * (float)random.NextDouble();
}
var data = new LabeledSet(images, labels, 16, 4);
Learn(new Competitive(4, 16), data, data, new LearnerSchedule { Epochs = Param("epochs", 2), BatchSize = 4, Seed = 2, InitialScale = 0.3 });

sealed class Competitive(int units, int features) : Learner("competitive", units, features)
{
    public override void Learn(Minibatch batch, double progress)
    {
        int firstWins = 0;
        for (int b = 0; b < batch.Count; b++)
        {
            var x = batch.Inputs.AsSpan(b * Features, Features);
            int winner = 0;
            double best = double.PositiveInfinity;
            for (int u = 0; u < Units; u++)
            {
                double d = 0;
                for (int f = 0; f < Features; f++) d += (Weights[u * Features + f] - x[f]) * (Weights[u * Features + f] - x[f]);
                if (d < best) (best, winner) = (d, u);
            }
            if (winner == 0) firstWins++;
            for (int f = 0; f < Features; f++) Weights[winner * Features + f] += 0.3f * (x[f] - Weights[winner * Features + f]);
        }
        Observe("first unit's share", firstWins / (double)batch.Count);
    }
}
