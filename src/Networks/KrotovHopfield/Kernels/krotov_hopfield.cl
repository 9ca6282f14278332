// Krotov & Hopfield's fast rule on an OpenCL device (KrotovHopfieldRankingOnDevice.cs), float32, after prelude.cl and
// largest.cl. The currents I = T v are CLBlast's gemm; these kernels rank each image, form the rows of ΔW that change,
// and take the step, with the CPU's operations in the CPU's order (FP_CONTRACT is off), so that given the same currents
// they give the CPU's bits (KrotovHopfieldRanking.cs).

// The transform the product reads, sgn(w)|w|^(p−1): p = 2 the weight itself, p = 3 w·|w|, as the CPU computes them.
inline float kh_transformed(float w, float p)
{
    return p == 2 ? w : p == 3 ? w * fabs(w) : copysign(DENDRA_MATH2(pow, fabs(w), p - 1), w);
}

__kernel void kh_transform(__global const float* w, __global float* t, long count, float p)
{
    const long e = get_global_id(0);
    if (e < count) t[e] = kh_transformed(w[e], p);
}

// The ranking order as one integer: the current's bits turned into an unsigned key that sorts as the floats do (−0 as +0,
// NaN above everything, so a NaN current is ranked first and its ΔW is not finite, as on the CPU), then the unit's
// index inverted, so that of equal currents the lower index ranks first. No unit has the key 0.
inline ulong kh_key(float x, int unit)
{
    uint bits;
    if (isnan(x)) bits = 0xFFFFFFFFu;
    else
    {
        const int b = as_int(x == 0 ? 0.0f : x);
        bits = b < 0 ? ~(uint)b : (uint)b | 0x80000000u;
    }
    return ((ulong)bits << 32) | (ulong)(~(uint)unit);
}

inline int kh_unit(ulong key) { return (int)~(uint)(key & 0xFFFFFFFFu); }

// One work-group per image finds its top and k-th unit: k passes, each the largest key below the last pass's, by a
// strided scan and a halving in local memory. The keys are a total order, so the result is exact whatever the order.
#define KH_RANK_GROUP 128

__kernel __attribute__((reqd_work_group_size(KH_RANK_GROUP, 1, 1)))
void kh_rank(__global const float* currents, int hidden, int k, __global int* top, __global int* kth)
{
    __local ulong best[KH_RANK_GROUP];
    const int image = (int)get_group_id(0), lane = (int)get_local_id(0);
    __global const float* row = currents + (long)image * hidden;
    ulong bound = 0;
    for (int pass = 0; pass < k; pass++)
    {
        ulong m = 0;
        for (int u = lane; u < hidden; u += KH_RANK_GROUP)
        {
            const ulong key = kh_key(row[u], u);
            if ((pass == 0 || key < bound) && key > m) m = key;
        }
        best[lane] = m;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int span = KH_RANK_GROUP / 2; span > 0; span /= 2)
        {
            if (lane < span) best[lane] = max(best[lane], best[lane + span]);
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        bound = best[0];
        barrier(CLK_LOCAL_MEM_FENCE); // every lane has read best[0] before the next pass writes it
        if (pass == 0 && lane == 0) top[image] = kh_unit(bound);
    }
    if (lane == 0) kth[image] = kh_unit(bound);
}

// One work-group per unit. A unit that neither won nor ranked k-th in any image is marked untouched and left; for the
// others, each lane forms its columns of ΔW = Σ_b g_b (R^p v_b) − (Σ_b g_b I_b) W, the images in order (the CPU's
// counting sort keeps them in order too), as the CPU: (g·R^p)·v + sum, then W·(−decay) + that, the decay summed in
// double where the device has it; then the row's largest |ΔW| by a halving in local memory (exact).
#define KH_ROW_GROUP 128

__kernel __attribute__((reqd_work_group_size(KH_ROW_GROUP, 1, 1)))
void kh_change_rows(__global const float* w, __global const float* images, __global const float* currents, __global const int* top,
    __global const int* kth, int count, int hidden, int inputs, float minus_delta, float scale, __global float* change,
    __global float* row_largest, __global int* touched)
{
    __local int hit;
    __local float part[KH_ROW_GROUP];
    const int unit = (int)get_group_id(0), lane = (int)get_local_id(0);
    if (lane == 0) hit = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int b = lane; b < count; b += KH_ROW_GROUP)
        if (top[b] == unit || kth[b] == unit) atomic_or(&hit, 1);
    barrier(CLK_LOCAL_MEM_FENCE);
    if (!hit)
    {
        if (lane == 0)
        {
            touched[unit] = 0;
            row_largest[unit] = 0;
        }
        return; // the whole group: hit is the same for every lane
    }
    acc decay = 0;
    for (int b = 0; b < count; b++)
    {
        const float g = top[b] == unit ? 1.0f : kth[b] == unit ? minus_delta : 0.0f;
        if (g != 0) decay += (acc)g * (acc)currents[(long)b * hidden + unit];
    }
    const float minus_decay = (float)-decay;
    float largest = 0;
    for (int i = lane; i < inputs; i += KH_ROW_GROUP)
    {
        float sum = 0;
        for (int b = 0; b < count; b++)
        {
            const float g = top[b] == unit ? 1.0f : kth[b] == unit ? minus_delta : 0.0f;
            if (g != 0) sum = images[(long)b * inputs + i] * (g * scale) + sum;
        }
        const long e = (long)unit * inputs + i;
        const float x = w[e] * minus_decay + sum;
        change[e] = x;
        largest = dendra_larger_magnitude(largest, x);
    }
    part[lane] = largest;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int span = KH_ROW_GROUP / 2; span > 0; span /= 2)
    {
        if (lane < span) part[lane] = dendra_larger_magnitude(part[lane], part[lane + span]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lane == 0)
    {
        touched[unit] = 1;
        row_largest[unit] = part[0];
    }
}

// W += (ε / max|ΔW|)·ΔW on the touched rows, the step rounded from double where the device has it (the CPU's
// (float)(ε / max)), and their transform recomputed. Nothing changes when max|ΔW| is 0 or not finite.
__kernel void kh_step(__global float* w, __global float* t, __global const float* change, __global const int* touched,
    __global const float* largest, int inputs, long count, acc epsilon, float p)
{
    const long e = get_global_id(0);
    if (e >= count || !touched[e / inputs]) return;
    const float m = largest[0];
    if (!isfinite(m) || m == 0) return;
    const float step = (float)(epsilon / (acc)m);
    const float x = change[e] * step + w[e];
    w[e] = x;
    t[e] = kh_transformed(x, p);
}
