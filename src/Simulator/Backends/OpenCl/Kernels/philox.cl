// The counter-based generator of Random/CounterRng.cs in OpenCL C: Philox4x32-10 (Salmon et al. 2011), keyed by the
// seed, counter block (counter lo, counter hi, stream lo, stream hi). Same inputs, same bits as the CPU.

inline uint4 dendra_philox(ulong seed, ulong stream, ulong counter)
{
    uint c0 = (uint)counter, c1 = (uint)(counter >> 32), c2 = (uint)stream, c3 = (uint)(stream >> 32);
    uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
    for (int round = 0; round < 10; round++)
    {
        if (round > 0) { k0 += 0x9E3779B9u; k1 += 0xBB67AE85u; }
        ulong p0 = (ulong)0xD2511F53u * c0;
        ulong p1 = (ulong)0xCD9E8D57u * c2;
        uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
        uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
        c0 = n0; c1 = (uint)p1; c2 = n2; c3 = (uint)p0;
    }
    return (uint4)(c0, c1, c2, c3);
}

// 53 bits as k·2^-53 with k = 0 moved to 2^-54: strictly inside (0, 1). Without float64 the same value rounded to
// float: k → float then the exact power-of-two scaling rounds identically.
inline acc dendra_open_unit(uint hi, uint lo)
{
    ulong k = ((ulong)hi << 21) | (lo >> 11);
    return fmax((acc)k, (acc)0.5) * (acc)1.1102230246251565e-16;
}

inline acc dendra_uniform(ulong seed, ulong stream, ulong counter)
{
    uint4 x = dendra_philox(seed, stream, counter);
    return dendra_open_unit(x.s0, x.s1);
}

inline acc dendra_normal(ulong seed, ulong stream, ulong counter)
{
    uint4 x = dendra_philox(seed, stream, counter);
    acc radius = sqrt((acc)-2.0 * log(dendra_open_unit(x.s0, x.s1)));
    acc angle = (acc)6.283185307179586 * dendra_open_unit(x.s2, x.s3);
    return radius * cos(angle);
}
