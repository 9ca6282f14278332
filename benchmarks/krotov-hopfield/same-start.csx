// Dendra's side of check-same-algorithm.sh: the fast rule of examples/krotov-hopfield.csx (KrotovHopfieldRanking, ε
// annealed linearly, minibatches of `batch`, an incomplete last one skipped) from initial weights read from a .npy file
// and over the first `samples` training images in file order (no shuffle), so that fast_rule.py --init … --ordered can
// start from the same weights and see the same minibatches. Writes the final weights as float32 .npy.
//   dendra run benchmarks/krotov-hopfield/same-start.csx --set init=w0.npy --set save=dendra.npy --set hidden=20 --set samples=2000
using System.Buffers.Binary;
using System.Text;

int hidden = Param("hidden", 20), k = Param("k", 2), epochs = Param("epochs", 1), batch = Param("batch", 100);
int samples = Param("samples", 2000);
double p = Param("p", 2.0), delta = Param("delta", 0.4), eps = Param("eps", 0.02);
string init = Param("init", ""), save = Param("save", "");
if (init == "" || save == "") throw new ArgumentException("set init=FILE.npy (the initial weights) and save=FILE.npy (where the final ones go)");

var mnist = Mnist.Load(progress: Console.Error);
var train = mnist.Train.Subset(Enumerable.Range(0, Math.Min(samples, mnist.Train.Count)).ToArray());
var rule = new KrotovHopfieldRanking(hidden, Mnist.Pixels, p, k, delta);
ReadFloat32(init, hidden * Mnist.Pixels).CopyTo(rule.Weights, 0);
for (int epoch = 0; epoch < epochs; epoch++)
{
    double rate = eps * (1 - (double)epoch / epochs);
    foreach (var minibatch in train.Batches(batch, seed: null, reuseArrays: true))
        if (minibatch.Count == batch) rule.Update(minibatch.Inputs, minibatch.Count, rate);
}
WriteFloat32(save, rule.Weights, hidden, Mnist.Pixels);
Console.WriteLine($"dendra: {hidden} units, p = {p}, k = {k}, {epochs} epochs of {train.Count} images in file order; weights in {save}");

// A little-endian float32 .npy in C order (what numpy.save writes for a float32 array): the header's dict, then the values.
static float[] ReadFloat32(string path, int count)
{
    var bytes = File.ReadAllBytes(path);
    if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY") throw new InvalidDataException($"{path}: not a .npy file");
    int headerLength = bytes[6] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
    int dataStart = (bytes[6] == 1 ? 10 : 12) + headerLength;
    string header = Encoding.ASCII.GetString(bytes, bytes[6] == 1 ? 10 : 12, headerLength);
    if (!header.Contains("'<f4'") || header.Contains("'fortran_order': True")) throw new InvalidDataException($"{path}: need little-endian float32 in C order, the header says {header.Trim()}");
    if (bytes.Length - dataStart != count * 4) throw new InvalidDataException($"{path}: {(bytes.Length - dataStart) / 4} values, expected {count}");
    var values = new float[count];
    for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + 4 * i));
    return values;
}

static void WriteFloat32(string path, float[] values, int rows, int columns)
{
    string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
    int unpadded = 10 + dict.Length + 1;
    string header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
    using var file = File.Create(path);
    file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
    var length = new byte[2];
    BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
    file.Write(length);
    file.Write(Encoding.ASCII.GetBytes(header));
    var data = new byte[values.Length * 4];
    for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
    file.Write(data);
}
