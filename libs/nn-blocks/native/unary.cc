// Element-wise unary kernels (exp, sigmoid, tanh, square, rsqrt, SiLU, GELU and their gradients),
// softmax over the last axis and the fused LayerNorm / RMSNorm (forward and gradient), on float32
// tensors of the wasm heap.
//
// Vectorised by the compiler: every inner loop is a plain float loop with a branch-free
// polynomial exp (Cephes expf: |rel. error| < 2e-7 on [-87, 88]), and each loop is compiled three
// times (`target_clones`: AVX-512F, AVX2 + FMA, baseline x86-64), the CPU's best clone picked by
// the loader (GNU ifunc); no -march flag, so the addon runs on any x86-64. Threads: rows (or
// chunks) over OpenMP only for at least 2^15 values; smaller tensors stay on the calling thread.
#include <node_api.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "clones.h"
#include "napi_args.h"

using lola::Args;
using lola::Error;
using lola::OnHeap;

namespace {

constexpr int64_t kParallel = int64_t(1) << 15;
constexpr int64_t kChunk = 4096;

// exp(x), branch-free: x = n·ln2 + r, |r| ≤ ln2/2, 2^n built in the exponent bits.
LOLA_INLINE float Exp(float x) {
  x = std::min(std::max(x, -87.3f), 88.7f);
  const float magic = 12582912.0f;  // 1.5·2^23: adding it rounds to an integer in the low bits
  const float t = x * 1.44269504088896341f + magic;
  const float n = t - magic;
  int32_t bits;
  std::memcpy(&bits, &t, 4);
  int32_t nb;
  std::memcpy(&nb, &magic, 4);
  const int32_t k = bits - nb;
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  // 2^k for k ∈ [-126, 128]: split in two factors so that neither exponent field overflows.
  const int32_t k1 = k >> 1, k2 = k - k1;
  const int32_t e1 = (k1 + 127) << 23, e2 = (k2 + 127) << 23;
  float s1, s2;
  std::memcpy(&s1, &e1, 4);
  std::memcpy(&s2, &e2, 4);
  return p * s1 * s2;
}

LOLA_INLINE float Sigmoid(float x) { return 1.0f / (1.0f + Exp(-x)); }

constexpr float kGeluC = 0.7978845608028654f;  // √(2/π)
constexpr float kGeluA = 0.044715f;

// op: 0 exp, 1 sigmoid, 2 tanh, 3 square, 4 rsqrt, 5 silu, 6 gelu (tanh form).
template <int Op>
LOLA_INLINE float Unary(float x) {
  if constexpr (Op == 0) return Exp(x);
  else if constexpr (Op == 1) return Sigmoid(x);
  else if constexpr (Op == 2) {
    const float a = std::fabs(x), t = 1.0f - 2.0f / (Exp(2.0f * a) + 1.0f);
    return std::copysign(t, x);
  } else if constexpr (Op == 3) return x * x;
  else if constexpr (Op == 4) return 1.0f / std::sqrt(x);
  else if constexpr (Op == 5) return x * Sigmoid(x);
  else return x * Sigmoid(2.0f * kGeluC * (x + kGeluA * x * x * x));  // 0.5·x·(1 + tanh(u)) = x·σ(2u)
}

// d/dx of op 5 (silu) and 6 (gelu), times dy.
template <int Op>
LOLA_INLINE float UnaryGrad(float x, float dy) {
  if constexpr (Op == 5) {
    const float s = Sigmoid(x);
    return dy * s * (1.0f + x * (1.0f - s));
  } else {
    const float s = Sigmoid(2.0f * kGeluC * (x + kGeluA * x * x * x));
    return dy * (s + 2.0f * x * s * (1.0f - s) * kGeluC * (1.0f + 3.0f * kGeluA * x * x));
  }
}

template <int Op>
LOLA_CLONES void UnaryLoop(const float* __restrict x, float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; i++) o[i] = Unary<Op>(x[i]);
}

template <int Op>
LOLA_CLONES void UnaryGradLoop(const float* __restrict x, const float* __restrict dy, float* __restrict o, int64_t n) {
  for (int64_t i = 0; i < n; i++) o[i] = UnaryGrad<Op>(x[i], dy[i]);
}

// Runs fn(start, length) over [0, n) in chunks, across threads when n ≥ kParallel.
template <typename F>
void Chunks(int64_t n, F fn) {
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(static) if (n >= kParallel)
  for (int64_t c = 0; c < chunks; c++) fn(c * kChunk, std::min(kChunk, n - c * kChunk));
}

// Σ f(i) for i in [0, n): 16 independent float lanes (so the loop vectorises without
// reassociation flags), then the lanes and the tail in order.
template <typename F>
LOLA_INLINE float LaneSum(int64_t n, F f) {
  float acc[16] = {0};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int j = 0; j < 16; j++) acc[j] += f(i + j);
  float s = 0;
  for (int j = 0; j < 16; j++) s += acc[j];
  for (; i < n; i++) s += f(i);
  return s;
}

// Σ f(i) for i in [off, off + N), pairwise (log-depth additions: short rows do not wait on one
// long chain of dependent adds).
template <int N, typename F>
LOLA_INLINE float TreeSum(F f, int64_t off = 0) {
  if constexpr (N == 1) return f(off);
  else return TreeSum<N / 2>(f, off) + TreeSum<N - N / 2>(f, off + N / 2);
}

// LaneSum, or TreeSum when the length N is fixed.
template <int N, typename F>
LOLA_INLINE float RowSum(int64_t n, F f) {
  if constexpr (N > 0) return TreeSum<N>(f);
  else return LaneSum(n, f);
}

LOLA_INLINE float RowMax(const float* __restrict x, int64_t n) {
  float acc[16];
  for (int j = 0; j < 16; j++) acc[j] = x[0];
  int64_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int j = 0; j < 16; j++) acc[j] = std::max(acc[j], x[i + j]);
  float m = acc[0];
  for (int j = 1; j < 16; j++) m = std::max(m, acc[j]);
  for (; i < n; i++) m = std::max(m, x[i]);
  return m;
}

// Softmax of one row of s·x: exp(s·(x − max)) / Σ (s > 0).
LOLA_CLONES void SoftmaxRow(const float* __restrict x, float* __restrict o, int64_t n, float s) {
  const float m = RowMax(x, n);
  for (int64_t i = 0; i < n; i++) o[i] = Exp((x[i] - m) * s);
  const float inv = 1.0f / LaneSum(n, [&](int64_t i) { return o[i]; });
  for (int64_t i = 0; i < n; i++) o[i] *= inv;
}

// Gradient of one row of y = softmax(s·x): dx = s·y⊙(dy − Σ dy⊙y).
LOLA_CLONES void SoftmaxGradRow(const float* __restrict y, const float* __restrict dy, float* __restrict dx, int64_t n, float s) {
  const float dot = LaneSum(n, [&](int64_t i) { return dy[i] * y[i]; });
  for (int64_t i = 0; i < n; i++) dx[i] = s * y[i] * (dy[i] - dot);
}

// Rows [i0, i1) of the normaliser y = (x − μ)·r, r = 1/√(Σ(x − μ)²/d + eps), μ = ⟨x⟩ if centre,
// d = n or n − 1 (unbiased). N > 0 fixes the row length at compile time (short channel rows of the
// autoencoders: the row loops unroll into a few vector operations); N = 0 reads it from n.
template <int N>
LOLA_CLONES void NormRows(const float* __restrict x, float* __restrict y, float* __restrict r, int64_t i0, int64_t i1, int64_t n, float eps, bool centre, bool unbiased) {
  if constexpr (N > 0) n = N;
  const float inv = 1.0f / float(n), invd = 1.0f / float(unbiased ? n - 1 : n);
  for (int64_t row = i0; row < i1; row++) {
    const float* xr = x + row * n;
    float* yr = y + row * n;
    const float m = centre ? RowSum<N>(n, [&](int64_t i) { return xr[i]; }) * inv : 0.0f;
    const float ss = RowSum<N>(n, [&](int64_t i) { const float c = xr[i] - m; return c * c; });
    const float rr = 1.0f / std::sqrt(ss * invd + eps);
    for (int64_t i = 0; i < n; i++) yr[i] = (xr[i] - m) * rr;
    r[row] = rr;
  }
}

// Rows [i0, i1) of dx = r·(dy − [⟨dy⟩] − y·Σ(dy⊙y)/d).
template <int N>
LOLA_CLONES void NormGradRows(const float* __restrict dy, const float* __restrict y, const float* __restrict r, float* __restrict dx, int64_t i0, int64_t i1, int64_t n, bool centre, bool unbiased) {
  if constexpr (N > 0) n = N;
  const float inv = 1.0f / float(n), invd = 1.0f / float(unbiased ? n - 1 : n);
  for (int64_t row = i0; row < i1; row++) {
    const float* g = dy + row * n;
    const float* yr = y + row * n;
    float* o = dx + row * n;
    const float d = RowSum<N>(n, [&](int64_t i) { return g[i] * yr[i]; }) * invd;
    const float mean = centre ? RowSum<N>(n, [&](int64_t i) { return g[i]; }) * inv : 0.0f;
    const float rr = r[row];
    for (int64_t i = 0; i < n; i++) o[i] = (g[i] - yr[i] * d - mean) * rr;
  }
}

// fn<N>(i0, i1) over blocks of rows, N the row length when it is 4, 8, 16 or 32, else 0; blocks
// across threads for at least kParallel values.
template <typename F>
void RowBlocks(int64_t rows, int64_t cols, F fn) {
  const int64_t block = std::max<int64_t>(1, kChunk / cols), blocks = (rows + block - 1) / block;
#pragma omp parallel for schedule(static) if (rows * cols >= kParallel)
  for (int64_t b = 0; b < blocks; b++) {
    const int64_t i0 = b * block, i1 = std::min(rows, i0 + block);
    switch (cols) {
      case 4: fn(std::integral_constant<int, 4>{}, i0, i1); break;
      case 8: fn(std::integral_constant<int, 8>{}, i0, i1); break;
      case 16: fn(std::integral_constant<int, 16>{}, i0, i1); break;
      case 32: fn(std::integral_constant<int, 32>{}, i0, i1); break;
      default: fn(std::integral_constant<int, 0>{}, i0, i1);
    }
  }
}

// op(x) for n values in chunks over the threads, one entry per op.
template <int Op>
void UnaryChunks(const float* x, float* o, int64_t n) {
  Chunks(n, [&](int64_t s, int64_t l) { UnaryLoop<Op>(x + s, o + s, l); });
}
constexpr void (*kUnary[])(const float*, float*, int64_t) = {UnaryChunks<0>, UnaryChunks<1>, UnaryChunks<2>, UnaryChunks<3>,
                                                             UnaryChunks<4>, UnaryChunks<5>, UnaryChunks<6>};

}  // namespace

// unary(heap, op, x, out, n[, dy]): out = op(x) for n values; with dy (ops 5 silu, 6 gelu only),
// out = dy · op'(x).
napi_value UnaryOp(napi_env env, napi_callback_info info) {
  const bool grad = Args::Count(env, info) == 6;
  return OnHeap(env, info, grad ? 6 : 5, [grad](Args& a) {
    const int64_t op = a.Int(1), n = a.Int(4);
    if (n < 1) throw Error{"unary: the size must be positive"};
    const float* x = a.At(a.Int(2), n, "unary x");
    float* o = a.At(a.Int(3), n, "unary out");
    if (grad) {
      const float* dy = a.At(a.Int(5), n, "unary dy");
      if (op == 5) Chunks(n, [&](int64_t s, int64_t l) { UnaryGradLoop<5>(x + s, dy + s, o + s, l); });
      else if (op == 6) Chunks(n, [&](int64_t s, int64_t l) { UnaryGradLoop<6>(x + s, dy + s, o + s, l); });
      else throw Error{"unary: gradients only for ops 5 (silu) and 6 (gelu)"};
      return;
    }
    if (op < 0 || op > 6) throw Error{"unary: unknown op " + std::to_string(op)};
    kUnary[op](x, o, n);
  });
}

// softmax(heap, x, out, rows, cols, scale): softmax(scale·x) over the last axis of [rows, cols].
napi_value Softmax(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 6, [](Args& a) {
    const int64_t rows = a.Int(3), cols = a.Int(4);
    const double scale = a.Double(5, 1);
    if (rows < 1 || cols < 1 || !(scale > 0)) throw Error{"softmax: sizes and the scale must be positive"};
    const float* x = a.At(a.Int(1), rows * cols, "softmax x");
    float* o = a.At(a.Int(2), rows * cols, "softmax out");
#pragma omp parallel for schedule(static) if (rows * cols >= kParallel)
    for (int64_t i = 0; i < rows; i++) SoftmaxRow(x + i * cols, o + i * cols, cols, float(scale));
  });
}

// softmaxGrad(heap, y, dy, dx, rows, cols, scale): the gradient of softmax(scale·x) (above).
napi_value SoftmaxGrad(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 7, [](Args& a) {
    const int64_t rows = a.Int(4), cols = a.Int(5);
    const double scale = a.Double(6, 1);
    if (rows < 1 || cols < 1) throw Error{"softmaxGrad: sizes must be positive"};
    const float* y = a.At(a.Int(1), rows * cols, "softmaxGrad y");
    const float* dy = a.At(a.Int(2), rows * cols, "softmaxGrad dy");
    float* dx = a.At(a.Int(3), rows * cols, "softmaxGrad dx");
#pragma omp parallel for schedule(static) if (rows * cols >= kParallel)
    for (int64_t i = 0; i < rows; i++) SoftmaxGradRow(y + i * cols, dy + i * cols, dx + i * cols, cols, float(scale));
  });
}

// norm(heap, x, y, r, rows, cols, eps, centre, unbiased): the normaliser of each row (above).
napi_value Norm(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 9, [](Args& a) {
    const int64_t rows = a.Int(4), cols = a.Int(5);
    const double eps = a.Double(6, 0);
    const bool centre = a.Bool(7), unbiased = a.Bool(8);
    if (rows < 1 || cols < (unbiased ? 2 : 1)) throw Error{"norm: sizes must be positive (cols ≥ 2 when unbiased)"};
    const float* x = a.At(a.Int(1), rows * cols, "norm x");
    float* y = a.At(a.Int(2), rows * cols, "norm y");
    float* r = a.At(a.Int(3), rows, "norm r");
    RowBlocks(rows, cols, [&](auto n, int64_t i0, int64_t i1) { NormRows<decltype(n)::value>(x, y, r, i0, i1, cols, float(eps), centre, unbiased); });
  });
}

// normGrad(heap, dy, y, r, dx, rows, cols, centre, unbiased): its gradient (above).
napi_value NormGrad(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 9, [](Args& a) {
    const int64_t rows = a.Int(5), cols = a.Int(6);
    const bool centre = a.Bool(7), unbiased = a.Bool(8);
    if (rows < 1 || cols < (unbiased ? 2 : 1)) throw Error{"normGrad: sizes must be positive (cols ≥ 2 when unbiased)"};
    const float* dy = a.At(a.Int(1), rows * cols, "normGrad dy");
    const float* y = a.At(a.Int(2), rows * cols, "normGrad y");
    const float* r = a.At(a.Int(3), rows, "normGrad r");
    float* dx = a.At(a.Int(4), rows * cols, "normGrad dx");
    RowBlocks(rows, cols, [&](auto n, int64_t i0, int64_t i1) { NormGradRows<decltype(n)::value>(dy, y, r, dx, i0, i1, cols, centre, unbiased); });
  });
}
