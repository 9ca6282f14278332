// The largest magnitude of `count` values, NaN when one of them is NaN: what a change scaled to its largest change
// (OuterProductRule.ScaledToLargestChange, the Krotov–Hopfield rule on the device) divides by. Each work-group strides
// over the values, then halves its partial results in local memory; a second launch of one group reduces the groups'
// results. The maximum of magnitudes is exact, so the result is the same whatever the order, the group count or the
// device: no atomics, and the same bits as the CPU's MaxMagnitude.
#define DENDRA_LARGEST_GROUP 128

inline real dendra_larger_magnitude(real largest, real x)
{
    return isnan(largest) || isnan(x) ? (real)NAN : fmax(largest, fabs(x));
}

__kernel __attribute__((reqd_work_group_size(DENDRA_LARGEST_GROUP, 1, 1)))
void largest_magnitude(__global const real* values, long count, __global real* largest)
{
    __local real part[DENDRA_LARGEST_GROUP];
    const int lane = (int)get_local_id(0);
    const long stride = (long)get_num_groups(0) * DENDRA_LARGEST_GROUP;
    real m = 0;
    for (long e = (long)get_group_id(0) * DENDRA_LARGEST_GROUP + lane; e < count; e += stride) m = dendra_larger_magnitude(m, values[e]);
    part[lane] = m;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int span = DENDRA_LARGEST_GROUP / 2; span > 0; span /= 2)
    {
        if (lane < span) part[lane] = dendra_larger_magnitude(part[lane], part[lane + span]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lane == 0) largest[get_group_id(0)] = part[0];
}
