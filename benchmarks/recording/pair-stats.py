"""Summarizes the output of benchmarks/recording/pairs.sh: wall-time ratios recorded / unrecorded per pair (median,
range, bootstrap and order-statistic 95% intervals of the median, sign test), and the recorder's own share of the
simulation thread and the writer's busy time, which the run measures itself."""
import math
import random
import re
import statistics
import sys

LINE = re.compile(r'(\w+) ([\d.]+) load=([\d.]+) \| stepping ([\d.]+) s'
                  r'(?:, recorder on the simulation thread ([\d.]+) s \(([\d.]+)%\), writer thread ([\d.]+) s)?')
runs = [LINE.match(line).groups() for line in open(sys.argv[1]) if line.strip()]
ratios, shares, writer, loads = [], [], [], []
for a, b in zip(runs[0::2], runs[1::2]):
    plain, recorded = (a, b) if a[0] == 'plain' else (b, a)
    ratios.append(float(recorded[1]) / float(plain[1]))
    shares.append(float(recorded[5]))
    writer.append(100 * float(recorded[6]) / float(recorded[3]))
    loads += [float(a[2]), float(b[2])]

random.seed(1)
boot = sorted(statistics.median(random.choices(ratios, k=len(ratios))) for _ in range(10000))
n = len(ratios)
ordered = sorted(ratios)
k = 0  # the order statistics (k, n-k+1) bracket the median with at least 95% confidence
while sum(math.comb(n, j) for j in range(k + 1)) / 2 ** n <= 0.025:
    k += 1
slower = sum(r > 1 for r in ratios)
extreme = max(slower, n - slower)
p = min(1, 2 * sum(math.comb(n, j) for j in range(extreme, n + 1)) / 2 ** n)
print(f'{n} pairs, load average {min(loads):.1f}-{max(loads):.1f}')
print('wall ratios: ' + ' '.join(f'{r:.2f}' for r in ratios))
# Fewer than 6 pairs cannot bracket the median at 95% with order statistics.
order = f'{ordered[k - 1]:.3f}-{ordered[n - k]:.3f}' if k >= 1 and n - k >= k - 1 and n >= 6 else 'needs 6 pairs or more'
print(f'median {statistics.median(ratios):.3f}, range {min(ratios):.3f}-{max(ratios):.3f}, bootstrap 95% '
      f'{boot[249]:.3f}-{boot[9749]:.3f}, order statistics 95% {order}; '
      f'recorded slower in {slower} of {n} (sign test p = {p:.3f})')
print(f'recorder share of the simulation thread: median {statistics.median(shares):.2f}%, range {min(shares):.2f}-{max(shares):.2f}%')
print(f'writer busy / stepping: median {statistics.median(writer):.2f}%, range {min(writer):.2f}-{max(writer):.2f}%')
