#!/usr/bin/python3
"""Krotov & Hopfield's fast rule (PNAS 2019) in PyTorch on the CPU: the peer Dendra's examples/krotov-hopfield.csx
(--variant fast) is timed against. The same algorithm, float32:

  weights W [hidden, 784] drawn from N(0, 1); inputs v = pixels / 255; per minibatch of `batch` images
    I = (sgn(W) |W|^(p-1)) v                      one matrix product, [batch, hidden]
    in each image the unit with the largest current gets g = 1, the k-th largest g = -delta (torch.topk)
    dW = g^T v - (sum over the batch of g * I) * W     (R = 1)
    W += eps dW / max|dW|
  eps annealed linearly from eps0 to 0 over the epochs, a new shuffle each epoch, an incomplete last minibatch skipped.

Reads MNIST from the files Dendra caches ($DENDRA_DATA/mnist, else ~/.cache/dendra/mnist; `dendra data mnist` fetches
them). Prints `epoch N: T s, S samples/s` as Dendra's example does, then a checksum of the learned weights.

  /usr/bin/python3 benchmarks/krotov-hopfield/fast_rule.py --hidden 2000 --p 3 --k 7 --eps 0.04 --epochs 1

Test-only options for benchmarks/krotov-hopfield/check-same-algorithm.sh: --init FILE.npy (the initial weights),
--ordered (minibatches in file order, no shuffle), --save FILE.npy (the final weights).
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

MNIST_FILES = {"images": ("train-images-idx3-ubyte", 0x00000803, (60000, 28, 28)),
               "labels": ("train-labels-idx1-ubyte", 0x00000801, (60000,))}


def mnist_folder(folder):
    if folder:
        return folder
    cache = os.environ.get("DENDRA_DATA") or os.path.join(os.path.expanduser("~"), ".cache", "dendra")
    return os.path.join(cache, "mnist")


def read_idx(path, magic, shape):
    """One IDX file of unsigned bytes, its magic number and dimensions checked."""
    if not os.path.exists(path):
        sys.exit(f"error: {path} not found: fetch MNIST with `dendra data mnist` (or ./dendra data mnist in a checkout), "
                 f"which keeps it in $DENDRA_DATA/mnist or ~/.cache/dendra/mnist, or pass --data FOLDER")
    header = np.fromfile(path, dtype=">u4", count=1 + len(shape))
    if header[0] != magic or tuple(int(d) for d in header[1:]) != shape:
        sys.exit(f"error: {path}: not the MNIST file expected (magic {header[0]:#010x}, dimensions {tuple(header[1:])}); "
                 f"delete it and run `dendra data mnist`")
    data = np.fromfile(path, dtype=np.uint8, offset=4 * (1 + len(shape)))
    if data.size != int(np.prod(shape)):
        sys.exit(f"error: {path}: truncated ({data.size} of {int(np.prod(shape))} values); delete it and run `dendra data mnist`")
    return data.reshape(shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    # The defaults are those of examples/krotov-hopfield.csx (Krotov's demonstration); the paper's network is
    # --hidden 2000 --p 3 --k 7 --eps 0.04.
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--p", type=float, default=2.0)
    parser.add_argument("--k", type=int, default=2)
    parser.add_argument("--delta", type=float, default=0.4)
    parser.add_argument("--eps", type=float, default=0.02, help="initial learning rate, annealed linearly to 0")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--samples", type=int, default=60000, help="the first SAMPLES training images")
    parser.add_argument("--threads", type=int, default=0,
                        help="torch.set_num_threads (0: every core this process may run on, as Dendra uses them; "
                             "Debian's PyTorch started with one thread on the 2-core development machine)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--update", choices=["dense", "sparse"], default="dense",
                        help="dense: g^T v as a matrix product, as Krotov's notebook and the PyTorch reimplementations "
                             "write it; sparse: index_add_ of the winning and k-th units' images only")
    parser.add_argument("--data", help="the folder of MNIST's IDX files (default: Dendra's cache)")
    parser.add_argument("--init", help="test only: initial weights from this .npy file [hidden, 784] instead of N(0, 1)")
    parser.add_argument("--ordered", action="store_true", help="test only: minibatches in file order, no shuffle")
    parser.add_argument("--save", help="test only: write the final weights to this .npy file (float32)")
    a = parser.parse_args()
    if a.p < 2 or not 2 <= a.k <= a.hidden or a.batch < 1 or a.epochs < 1:
        sys.exit("error: need p >= 2, 2 <= k <= hidden, batch >= 1, epochs >= 1")

    torch.set_num_threads(a.threads if a.threads > 0 else len(os.sched_getaffinity(0)))
    folder = mnist_folder(a.data)
    name, magic, shape = MNIST_FILES["images"]
    pixels = read_idx(os.path.join(folder, name), magic, shape)[:a.samples]
    x = torch.from_numpy(pixels.reshape(len(pixels), -1)).float().div_(255)  # [samples, 784], exactly byte / 255f
    n, inputs = x.shape

    if a.init:
        W = torch.from_numpy(np.load(a.init).astype(np.float32, copy=False)).contiguous()
        if tuple(W.shape) != (a.hidden, inputs):
            sys.exit(f"error: {a.init} holds {tuple(W.shape)} weights, not ({a.hidden}, {inputs})")
    else:
        W = torch.randn(a.hidden, inputs, generator=torch.Generator().manual_seed(a.seed))
    print(f"pytorch {torch.__version__} fast ({a.update} update, {torch.get_num_threads()} threads): {a.hidden} units, "
          f"p = {a.p:g}, k = {a.k}, Δ = {a.delta:g}, ε₀ = {a.eps:g}, {a.epochs} epochs of {n} images in minibatches of {a.batch}")

    B, H = a.batch, a.hidden
    # Every tensor of the loop is made once and reused (out=, in-place): a fresh 6 MB temporary per minibatch costs
    # more in page faults than the product itself.
    v = torch.empty(B, inputs)
    transformed = torch.empty_like(W)
    scratch = torch.empty_like(W) if a.p not in (2, 3) else None
    currents = torch.empty(B, H)
    g = torch.empty(B, H)
    gI = torch.empty(B, H)
    decay = torch.empty(H)
    dW = torch.empty_like(W)
    rows = torch.arange(B)
    shuffle = torch.Generator()
    batches = n // B

    with torch.inference_mode():
        for epoch in range(a.epochs):
            started = time.perf_counter()
            eps = a.eps * (1 - epoch / a.epochs)
            shuffle.manual_seed(a.seed * 1_000_003 + epoch)
            order = torch.arange(n) if a.ordered else torch.randperm(n, generator=shuffle)
            for b in range(batches):
                torch.index_select(x, 0, order[b * B:(b + 1) * B], out=v)
                # sgn(W)|W|^(p-1): p = 2 and 3 without a power function.
                if a.p == 2:
                    transformed.copy_(W)
                elif a.p == 3:
                    torch.abs(W, out=transformed).mul_(W)
                else:
                    torch.abs(W, out=transformed).pow_(a.p - 1).mul_(torch.sign(W, out=scratch))
                torch.mm(v, transformed.t(), out=currents)
                ranked = torch.topk(currents, a.k, dim=1).indices
                top, kth = ranked[:, 0], ranked[:, a.k - 1]
                g.zero_()
                g[rows, top] = 1.0
                g[rows, kth] = -a.delta
                torch.sum(torch.mul(g, currents, out=gI), 0, out=decay)  # Σ_batch g I, per unit
                if a.update == "dense":
                    torch.mm(g.t(), v, out=dW)
                else:
                    dW.zero_()
                    dW.index_add_(0, top, v)
                    dW.index_add_(0, kth, v, alpha=-a.delta)
                dW.addcmul_(decay.unsqueeze(1), W, value=-1.0)
                low, high = torch.aminmax(dW)
                largest = max(-low.item(), high.item())
                if not np.isfinite(largest):
                    sys.exit("error: the weight change is not finite")
                if largest > 0:
                    W.add_(dW, alpha=eps / largest)
            seconds = time.perf_counter() - started
            print(f"epoch {epoch + 1}: {seconds:.2f} s, {batches * B / seconds:.0f} samples/s", flush=True)

    w = W.double()
    print(f"weights: Σ|W| = {w.abs().sum().item():.6g}, mean over units of Σ|W_μ|^p = {w.abs().pow(a.p).sum(1).mean().item():.6g}")
    if a.save:
        np.save(a.save, W.numpy())


if __name__ == "__main__":
    main()
