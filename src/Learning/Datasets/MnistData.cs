namespace Dendra.Learning.Datasets;

/// <summary>MNIST as loaded by <see cref="Mnist.Load"/>.</summary>
/// <param name="Train">The 60,000 training images; take a validation set out of it with <see cref="LabeledSet.Split"/>.</param>
/// <param name="Test">The 10,000 test images: measure on them, never choose anything by them.</param>
/// <param name="Folder">Where the files were read from.</param>
public sealed record MnistData(LabeledSet Train, LabeledSet Test, string Folder);
