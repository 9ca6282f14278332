// Definitions every Dendra program starts with. DENDRA_DOUBLE selects float64 state; DENDRA_FP64 says the
// device has cl_khr_fp64 (times, random draws and sums are then formed in double, as on the CPU).
#pragma OPENCL FP_CONTRACT OFF
#ifdef DENDRA_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double acc;
#define DENDRA_TIME(step, dt) ((double)(step) * (dt))
#else
typedef float acc;
#define DENDRA_TIME(step, dt) ((float)(step) * (float)(dt))
#endif
#ifdef DENDRA_DOUBLE
typedef double real;
#else
typedef float real;
#endif

// Transcendental functions of float networks are computed in double and rounded once, where the device has double:
// that is what the CPU's C library does for expf, logf…, so both round to the same float in all but rare cases.
#if defined(DENDRA_FP64) && !defined(DENDRA_DOUBLE)
#define DENDRA_MATH1(f, x) ((float)f((double)(x)))
#define DENDRA_MATH2(f, x, y) ((float)f((double)(x), (double)(y)))
#else
#define DENDRA_MATH1(f, x) f(x)
#define DENDRA_MATH2(f, x, y) f(x, y)
#endif

// x^2 and x^3 as the CPU computes them: plain products, no pow.
inline real dendra_square(real x) { return x * x; }
inline real dendra_cube(real x) { return x * x * x; }

// .NET's Math.Min/Max: NaN if either argument is NaN, and -0 below +0.
inline real dendra_min(real a, real b)
{
    if (isnan(a) || isnan(b)) return a + b;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}

inline real dendra_max(real a, real b)
{
    if (isnan(a) || isnan(b)) return a + b;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}

// The model language's sign (ModelMath.Sign): ±1, or x itself for ±0 and NaN, where OpenCL's sign gives 0 for NaN.
inline real dendra_sign(real x)
{
    return x > 0 ? (real)1 : x < 0 ? (real)-1 : x;
}
