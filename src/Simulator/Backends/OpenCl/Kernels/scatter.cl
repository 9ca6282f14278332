// Additive synapses as a scatter, for float32 networks on devices with 64-bit integer atomics: one work-item per
// presynaptic neuron; one that fired this step walks its outgoing synapses (the synapse table's own rows) and adds
// each weight, in fixed point (weight × scale, rounded), into the int64 ring slot of (post, arrival step). Integer
// addition is associative, so every slot holds the same sum whichever order the work-items run in: deterministic.
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable

__kernel void scatter(int pre_start, int pre_count, __global const int* row_start, __global const int* row_post,
    __global const real* weight, real constant_weight, __global const ushort* delay, int constant_delay,
    __global const uchar* fired, long step, volatile __global long* ring, int ring_length, int n, real scale)
{
    const int i = (int)get_global_id(0);
    if (i >= pre_count || !fired[pre_start + i]) return;
    const long fixed_constant = convert_long_rte(constant_weight * scale);
    for (int s = row_start[i]; s < row_start[i + 1]; s++)
    {
        const long arrival = step + (delay ? (long)delay[s] : (long)constant_delay);
        atom_add(&ring[(arrival % ring_length) * n + row_post[s]], weight ? convert_long_rte(weight[s] * scale) : fixed_constant);
    }
}

// What is due at this step arrives in the target, back in real units (the sum rounds once, here), and its slot is
// cleared for reuse.
__kernel void deliver_fixed(__global real* target, __global long* ring, int n, int ring_length, long step, real quantum)
{
    const int j = (int)get_global_id(0);
    if (j >= n) return;
    const long slot = (step % ring_length) * n + j;
    target[j] += (real)ring[slot] * quantum;
    ring[slot] = 0;
}
