// The fixed kernels of every step that do not depend on the model: inputs, spike sources, spike lists,
// additive spike propagation into delay ring buffers, monitors and reductions.

#define DENDRA_BLOCK 256

// Adds one injected value (a current source at this step) to a slice of a summed input.
__kernel void add_value(__global real* target, int start, int count, real value, int stride, int instances)
{
    // count neurons from start in each of the instances of a batch, one block of stride values apart
    const int k = (int)get_global_id(0);
    if (k < count * instances) target[k / count * stride + start + k % count] += value;
}

// Spike-time sources: neurons[from .. to) fire at this step.
__kernel void fire_sources(__global const int* neurons, int from, int to, long step, __global long* spiked_at)
{
    const int k = from + (int)get_global_id(0);
    if (k < to) spiked_at[neurons[k]] = step;
}

// Spike lists in ascending neuron order: count per block, one work-item turns counts into offsets, then each block
// writes its spikes from its offset. The list of step k of a batch lands in the batch log after those of steps < k.
__kernel void count_spikes(__global const long* spiked_at, int n, long step, __global int* block_counts)
{
    const int b = (int)get_global_id(0);
    const int first = b * DENDRA_BLOCK;
    if (first >= n) return;
    const int last = min(n, first + DENDRA_BLOCK);
    int count = 0;
    for (int i = first; i < last; i++) count += spiked_at[i] == step;
    block_counts[b] = count;
}

__kernel void offset_spikes(__global int* block_counts, int blocks, __global int* step_counts, int k, __global int* fill)
{
    int total = fill[0];
    const int before = total;
    for (int b = 0; b < blocks; b++)
    {
        const int c = block_counts[b];
        block_counts[b] = total;
        total += c;
    }
    step_counts[k] = total - before;
    fill[0] = total;
}

__kernel void write_spikes(__global const long* spiked_at, int n, long step, __global const int* offsets, __global int* log)
{
    const int b = (int)get_global_id(0);
    const int first = b * DENDRA_BLOCK;
    if (first >= n) return;
    const int last = min(n, first + DENDRA_BLOCK);
    int o = offsets[b];
    for (int i = first; i < last; i++)
        if (spiked_at[i] == step) log[o++] = i;
}

// Additive synapses as a gather: one work-item per postsynaptic neuron walks its incoming synapses in synapse order
// (= presynaptic spike order, then row order) and adds the weights of those whose presynaptic neuron fired now, into
// the ring slot of their arrival step. The additions to every slot happen in the CPU backend's order: same sums.
// Which neurons of a presynaptic population spiked at `step`, one byte each: the gather below looks every incoming
// synapse's presynaptic neuron up at random, and a byte per neuron (1 MB for a million) stays in cache where the
// 8-byte spike steps (8 MB) do not.
__kernel void mark_fired(__global const long* spiked_at, int n, long step, __global uchar* fired)
{
    const int i = (int)get_global_id(0);
    if (i < n) fired[i] = spiked_at[i] == step;
}

__kernel void propagate(int post_start, int post_count, __global const int* in_start, __global const int* in_pre,
    __global const real* in_weight, real constant_weight, __global const ushort* in_delay, int constant_delay,
    __global const uchar* fired, long step, __global real* target, __global real* ring, int ring_length, int n)
{
    const int j = (int)get_global_id(0);
    if (j >= post_count) return;
    const int post = post_start + j;
    const int from = in_start[j], to = in_start[j + 1];
    if (ring_length == 1)
    {
        real sum = target[post];
        for (int k = from; k < to; k++)
            if (fired[in_pre[k]]) sum += in_weight ? in_weight[k] : constant_weight;
        target[post] = sum;
        return;
    }
    for (int k = from; k < to; k++)
    {
        if (!fired[in_pre[k]]) continue;
        const long arrival = step + (in_delay ? (long)in_delay[k] : (long)constant_delay);
        ring[(arrival % ring_length) * n + post] += in_weight ? in_weight[k] : constant_weight;
    }
}

// What is due at this step arrives in the target and its slot is cleared for reuse.
__kernel void deliver(__global real* target, __global real* ring, int n, int ring_length, long step)
{
    const int j = (int)get_global_id(0);
    if (j >= n) return;
    const long slot = (step % ring_length) * n + j;
    target[j] += ring[slot];
    ring[slot] = 0;
}

// A state monitor's sample of this step: row `row` of the batch.
__kernel void sample(__global const real* values, __global const int* neurons, int count, __global real* out, int row)
{
    const int k = (int)get_global_id(0);
    if (k < count) out[row * count + k] = values[neurons[k]];
}

// A population reduction: the partial sums of fixed pieces added in order, as on the CPU.
__kernel void finish_sum(__global const acc* partials, int pieces, __global real* cell, int mean, int n, int instances)
{
    // One work-item per instance of a batch, adding that instance's pieces in order.
    const int b = (int)get_global_id(0);
    if (b >= instances) return;
    acc total = 0;
    for (int p = 0; p < pieces; p++) total += partials[b * pieces + p];
    cell[b] = (real)(mean ? total / n : total);
}

// Which neurons spiked at each of the last history_length steps, for synapses whose on-pre code runs after a delay.
__kernel void record_history(__global const long* spiked_at, int n, long step, __global uchar* history, int history_length)
{
    const int i = (int)get_global_id(0);
    if (i < n) history[(step % history_length) * n + i] = spiked_at[i] == step;
}

// Rate projections, target += W · source, one work-item per postsynaptic neuron, each row summed in column order
// (the same sums as the untiled kernel). Dense W comes column-major [pre, post], so neighbouring work-items (rows) read
// neighbouring weights; a work-group of DENDRA_RATE_TILE rows stages the source vector through local memory one tile
// at a time, so each source value is read from global memory once per group instead of once per row. Sparse W is CSR
// by postsynaptic neuron (the CPU's order, so the same sums).
#define DENDRA_RATE_TILE 64

__kernel __attribute__((reqd_work_group_size(DENDRA_RATE_TILE, 1, 1)))
void rate_dense(__global const real* w, __global const real* source, int pre_start, int pre_count,
    __global real* target, int post_start, int post_count)
{
    __local real tile[DENDRA_RATE_TILE];
    const int j = (int)get_global_id(0);
    const int lane = (int)get_local_id(0);
    // The last group's spare work-items have no row but still load tiles and meet every barrier.
    const int has_row = j < post_count;
    real sum = 0;
    for (int first = 0; first < pre_count; first += DENDRA_RATE_TILE)
    {
        const int width = min(DENDRA_RATE_TILE, pre_count - first);
        barrier(CLK_LOCAL_MEM_FENCE); // every row is done with the previous tile
        if (lane < width) tile[lane] = source[pre_start + first + lane];
        barrier(CLK_LOCAL_MEM_FENCE);
        if (has_row)
        {
            __global const real* column = w + (long)first * post_count + j;
            for (int k = 0; k < width; k++) sum += column[(long)k * post_count] * tile[k];
        }
    }
    if (has_row) target[post_start + j] += sum;
}

__kernel void rate_sparse(__global const int* row_start, __global const int* columns, __global const real* values,
    __global const real* source, int pre_start, __global real* target, int post_start, int post_count,
    int source_stride, int target_stride, int instances)
{
    // One work-item per row and instance of a batch; each instance's source and target one stride further on.
    const int g = (int)get_global_id(0);
    if (g >= post_count * instances) return;
    const int j = g % post_count, b = g / post_count;
    __global const real* src = source + (long)b * source_stride + pre_start;
    real sum = 0;
    for (int k = row_start[j]; k < row_start[j + 1]; k++) sum += values[k] * src[columns[k]];
    target[(long)b * target_stride + post_start + j] += sum;
}

// Dense rate projections over a minibatch: B instances of the network share W, and every per-neuron array holds B
// blocks of N values (element b*N + i is neuron i of instance b), so target = W · source is a matrix-matrix product.
// One work-item per row j and group of DENDRA_RATE_BATCH_INSTANCES instances (dimension 1 runs over the groups): it
// loads each weight once and uses it for every instance of its group, keeping one running sum per instance. A
// work-group of DENDRA_RATE_BATCH_ROWS rows stages its instances' source values through local memory one tile of k
// at a time, so each source value is read from global memory once per group instead of once per row. W is
// column-major, so neighbouring work-items (rows) load neighbouring weights. Every (row, instance) is still summed
// k = 0, 1, … in order, as rate_dense does, so its sums are bitwise those of a plain column-order loop.
#define DENDRA_RATE_BATCH_ROWS 64
#define DENDRA_RATE_BATCH_INSTANCES 8

__kernel __attribute__((reqd_work_group_size(DENDRA_RATE_BATCH_ROWS, 1, 1)))
void rate_dense_batch(__global const real* w, __global const real* source, int pre_start, int pre_count, int source_stride,
    __global real* target, int post_start, int post_count, int target_stride, int instances)
{
    __local real inputs[DENDRA_RATE_BATCH_INSTANCES][DENDRA_RATE_BATCH_ROWS]; // [instance in group][k in tile]
    const int j = (int)get_global_id(0);
    const int lane = (int)get_local_id(0);
    const int first_instance = (int)get_group_id(1) * DENDRA_RATE_BATCH_INSTANCES;
    const int count = min(DENDRA_RATE_BATCH_INSTANCES, instances - first_instance);
    // The last group's spare work-items have no row but still load tiles and meet every barrier.
    const int has_row = j < post_count;
    real sum[DENDRA_RATE_BATCH_INSTANCES];
    for (int b = 0; b < DENDRA_RATE_BATCH_INSTANCES; b++) sum[b] = 0;
    for (int first = 0; first < pre_count; first += DENDRA_RATE_BATCH_ROWS)
    {
        const int width = min(DENDRA_RATE_BATCH_ROWS, pre_count - first);
        barrier(CLK_LOCAL_MEM_FENCE); // every row is done with the previous tile
        // Slots past the last instance are zeroed, so their unused sums never meet stale or denormal values.
        if (lane < width)
            for (int b = 0; b < DENDRA_RATE_BATCH_INSTANCES; b++)
                inputs[b][lane] = b < count ? source[(long)(first_instance + b) * source_stride + pre_start + first + lane] : 0;
        barrier(CLK_LOCAL_MEM_FENCE);
        if (has_row)
        {
            __global const real* column = w + (long)first * post_count + j;
            for (int k = 0; k < width; k++)
            {
                const real weight = column[(long)k * post_count];
                // Every slot of the group is summed (a fixed trip count the compiler unrolls); slots past the last
                // instance sum zeros and are never written back.
                for (int b = 0; b < DENDRA_RATE_BATCH_INSTANCES; b++) sum[b] += weight * inputs[b][k];
            }
        }
    }
    if (has_row)
        for (int b = 0; b < count; b++) target[(long)(first_instance + b) * target_stride + post_start + j] += sum[b];
}

// An outer-product rule on a rate projection, one work-item per weight: W += scale·(Σ_n f_n[j]·g_n[i] − (Σ_n d_n[j])·W),
// the instances summed in order, one fused multiply-add each (fma: correctly rounded, as the CPU's), and the result
// clipped to [lo, hi]. Dense weights are column-major (neighbouring work-items, neighbouring rows j: coalesced reads of
// W, f and d; one g for all); a sparse projection's stored weights come with their row and column. A weight that is not
// finite (NaN kept as NaN, not clipped) marks the step.
inline real outer_product_finish(real old, real s, real decay, real scale, real lo, real hi)
{
    const real x = old + scale * (s - decay * old);
    return isnan(x) ? x : fmin(fmax(x, lo), hi);
}

inline real outer_product_weight(real old, int j, int i, __global const real* f, __global const real* g, __global const real* d,
    int has_decay, int pre_start, int pre_size, int post_start, int post_size, int instances, real scale, real lo, real hi)
{
    real s = 0, decay = 0;
    for (int n = 0; n < instances; n++) s = fma(f[n * post_size + post_start + j], g[n * pre_size + pre_start + i], s);
    if (has_decay) for (int n = 0; n < instances; n++) decay += d[n * post_size + post_start + j];
    return outer_product_finish(old, s, decay, scale, lo, hi);
}

__kernel void outer_product_dense(__global real* w, __global const real* f, __global const real* g, __global const real* d, int has_decay,
    int pre_start, int pre_count, int pre_size, int post_start, int post_count, int post_size, int instances, real scale, real lo, real hi,
    __global int* failed_step, long step)
{
    const long e = get_global_id(0);
    if (e >= (long)pre_count * post_count) return;
    const real x = outer_product_weight(w[e], (int)(e % post_count), (int)(e / post_count), f, g, d, has_decay,
        pre_start, pre_size, post_start, post_size, instances, scale, lo, hi);
    w[e] = x;
    if (!isfinite(x)) atomic_min(failed_step, (int)min(step, (long)INT_MAX));
}

__kernel void outer_product_sparse(__global real* w, __global const int* rows, __global const int* columns, int count,
    __global const real* f, __global const real* g, __global const real* d, int has_decay,
    int pre_start, int pre_size, int post_start, int post_size, int instances, real scale, real lo, real hi,
    __global int* failed_step, long step)
{
    const int k = (int)get_global_id(0);
    if (k >= count) return;
    const real x = outer_product_weight(w[k], rows[k], columns[k], f, g, d, has_decay,
        pre_start, pre_size, post_start, post_size, instances, scale, lo, hi);
    w[k] = x;
    if (!isfinite(x)) atomic_min(failed_step, (int)min(step, (long)INT_MAX));
}

// The same update when CLBlast formed the sums Σ_n f_n[j]·g_n[i] (float32 minibatches, ClBlastProducts.cs): `sums` is laid
// out as the dense weights (column-major), `decay` holds Σ_n d_n[j] from decay_sums; the rest is outer_product_dense's.
__kernel void outer_product_apply_sums(__global real* w, __global const real* sums, __global const real* decay, int has_decay,
    int post_count, long count, real scale, real lo, real hi, __global int* failed_step, long step)
{
    const long e = get_global_id(0);
    if (e >= count) return;
    const real x = outer_product_finish(w[e], sums[e], has_decay ? decay[e % post_count] : 0, scale, lo, hi);
    w[e] = x;
    if (!isfinite(x)) atomic_min(failed_step, (int)min(step, (long)INT_MAX));
}

// A change scaled to its largest (OuterProductRule.ScaledToLargestChange), as OuterProductUpdate.ApplyScaledToLargest on
// the CPU: first ΔW = Σ_n f_n[j]·g_n[i] − (Σ_n d_n[j])·W into `change` (laid out as the weights), with the sums of
// outer_product_dense, outer_product_sparse or, after CLBlast, in place of the sums; then largest_magnitude finds
// max|ΔW|; then W += (η / max|ΔW|)·ΔW, clipped. Nothing changes when the largest change is 0; when it is not finite the
// step is marked and the host names the first change that is not finite.
__kernel void outer_product_change_dense(__global real* change, __global const real* w, __global const real* f, __global const real* g,
    __global const real* d, int has_decay, int pre_start, int pre_count, int pre_size, int post_start, int post_count, int post_size,
    int instances)
{
    const long e = get_global_id(0);
    if (e >= (long)pre_count * post_count) return;
    const int j = (int)(e % post_count), i = (int)(e / post_count);
    real s = 0, decay = 0;
    for (int n = 0; n < instances; n++) s = fma(f[n * post_size + post_start + j], g[n * pre_size + pre_start + i], s);
    if (has_decay) for (int n = 0; n < instances; n++) decay += d[n * post_size + post_start + j];
    change[e] = s - decay * w[e];
}

__kernel void outer_product_change_sparse(__global real* change, __global const real* w, __global const int* rows,
    __global const int* columns, int count, __global const real* f, __global const real* g, __global const real* d, int has_decay,
    int pre_start, int pre_size, int post_start, int post_size, int instances)
{
    const int k = (int)get_global_id(0);
    if (k >= count) return;
    const int j = rows[k], i = columns[k];
    real s = 0, decay = 0;
    for (int n = 0; n < instances; n++) s = fma(f[n * post_size + post_start + j], g[n * pre_size + pre_start + i], s);
    if (has_decay) for (int n = 0; n < instances; n++) decay += d[n * post_size + post_start + j];
    change[k] = s - decay * w[k];
}

__kernel void outer_product_change_sums(__global real* sums, __global const real* w, __global const real* decay, int has_decay,
    int post_count, long count)
{
    const long e = get_global_id(0);
    if (e >= count) return;
    sums[e] = sums[e] - (has_decay ? decay[e % post_count] : 0) * w[e];
}

__kernel void outer_product_scaled_step(__global real* w, __global const real* change, long count, __global const real* largest,
    real eta, real lo, real hi, __global int* failed_step, long step)
{
    const long e = get_global_id(0);
    if (e >= count) return;
    const real m = largest[0];
    if (!isfinite(m))
    {
        if (e == 0) atomic_min(failed_step, (int)min(step, (long)INT_MAX));
        return;
    }
    if (m == 0) return;
    const real x = w[e] + eta / m * change[e];
    w[e] = isnan(x) ? x : fmin(fmax(x, lo), hi);
    if (!isfinite(x)) atomic_min(failed_step, (int)min(step, (long)INT_MAX));
}

// Σ_n d_n[j] per postsynaptic neuron, the instances in order: the decay factor of an outer-product update.
__kernel void decay_sums(__global real* decay, __global const real* d, int post_start, int post_count, int post_size, int instances)
{
    const int j = (int)get_global_id(0);
    if (j >= post_count) return;
    real s = 0;
    for (int n = 0; n < instances; n++) s += d[n * post_size + post_start + j];
    decay[j] = s;
}

// Synaptic normalisation: scales one postsynaptic neuron's row of weights (count values, stride apart) to the Lp radius,
// the norm taken of the row divided by its largest magnitude (no overflow or underflow in the sum), summed in column
// order from zero, p = 1 and 2 without a power: as OuterProductUpdate.Normalise on the CPU. A row of zeros stays zero.
inline void normalise_row(__global real* w, long first, long stride, int count, real p, real radius)
{
    real largest = 0;
    for (int k = 0; k < count; k++) largest = fmax(largest, fabs(w[first + k * stride]));
    if (largest == 0) return;
    real sum = 0;
    for (int k = 0; k < count; k++)
    {
        const real x = fabs(w[first + k * stride]) / largest;
        sum += p == 1 ? x : p == 2 ? x * x : pow(x, p);
    }
    const real norm = largest * (p == 1 ? sum : p == 2 ? sqrt(sum) : pow(sum, (real)1 / p));
    const real scale = radius / norm;
    for (int k = 0; k < count; k++) w[first + k * stride] *= scale;
}

// Dense weights are column-major on the device: row j's weights are post_count apart.
__kernel void normalise_rows_dense(__global real* w, int pre_count, int post_count, real p, real radius)
{
    const int j = (int)get_global_id(0);
    if (j < post_count) normalise_row(w, j, post_count, pre_count, p, radius);
}

__kernel void normalise_rows_sparse(__global real* w, __global const int* row_start, int post_count, real p, real radius)
{
    const int j = (int)get_global_id(0);
    if (j < post_count) normalise_row(w, row_start[j], 1, row_start[j + 1] - row_start[j], p, radius);
}

// A spiking projection's synaptic variable normalised per postsynaptic neuron: the synapses onto neuron j are
// w[synapse[start[j]]] .. w[synapse[start[j + 1] - 1]], in ascending synapse id, and they are scaled with normalise_row's
// arithmetic (and the CPU's, LpRow.Normalise). A scale that is not finite marks the step in failed_step.
__kernel void normalise_incoming(__global real* w, __global const int* start, __global const int* synapse, int post_count,
    real p, real radius, __global int* failed_step, long step)
{
    const int j = (int)get_global_id(0);
    if (j >= post_count) return;
    const int first = start[j], count = start[j + 1] - first;
    real largest = 0;
    for (int k = 0; k < count; k++) largest = fmax(largest, fabs(w[synapse[first + k]]));
    if (largest == 0) return;
    real sum = 0;
    for (int k = 0; k < count; k++)
    {
        const real x = fabs(w[synapse[first + k]]) / largest;
        sum += p == 1 ? x : p == 2 ? x * x : pow(x, p);
    }
    const real norm = largest * (p == 1 ? sum : p == 2 ? sqrt(sum) : pow(sum, (real)1 / p));
    const real scale = radius / norm;
    for (int k = 0; k < count; k++) w[synapse[first + k]] *= scale;
    if (!isfinite(scale)) atomic_min(failed_step, (int)min(step, (long)INT_MAX));
}

// Adds a stored block (count values per instance, instance after instance) into a slice of a summed input: the product of
// a rate projection whose source no step changes, computed once and added every step.
__kernel void add_block(__global real* target, int start, int count, int stride, __global const real* block, int instances)
{
    const int k = (int)get_global_id(0);
    if (k < count * instances) target[k / count * stride + start + k % count] += block[k];
}
