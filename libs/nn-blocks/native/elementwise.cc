// Element-wise binary operations with broadcasting and sums over a block of axes, on float32
// tensors of the wasm heap, spread over OpenMP threads (the wasm kernels run on one thread).
#include <node_api.h>
#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "napi_args.h"

using lola::Args;
using lola::Error;
using lola::OnHeap;

namespace {

// Work below this many values runs on the calling thread.
constexpr int64_t kParallel = int64_t(1) << 15;

template <int Op>
inline float Apply(float x, float y) {
  if constexpr (Op == 0) return x + y;
  else if constexpr (Op == 1) return x - y;
  else if constexpr (Op == 2) return x * y;
  else if constexpr (Op == 3) return x / y;
  else if constexpr (Op == 4) return (x - y) * (x - y);
  else if constexpr (Op == 5) return std::max(x, y);
  else return std::min(x, y);
}

// out[0..n) = op(a[i·sa], b[i·sb]) with sa, sb ∈ {0, 1} (separate loops so each vectorises).
template <int Op>
inline void Row(const float* __restrict a, const float* __restrict b, float* __restrict o, int64_t n, int64_t sa, int64_t sb) {
  if (sa && sb) for (int64_t i = 0; i < n; i++) o[i] = Apply<Op>(a[i], b[i]);
  else if (sa) { const float y = b[0]; for (int64_t i = 0; i < n; i++) o[i] = Apply<Op>(a[i], y); }
  else if (sb) { const float x = a[0]; for (int64_t i = 0; i < n; i++) o[i] = Apply<Op>(x, b[i]); }
  else { const float v = Apply<Op>(a[0], b[0]); for (int64_t i = 0; i < n; i++) o[i] = v; }
}

template <int Op>
void Run(const float* a, const float* b, float* o, const std::vector<int64_t>& dims, const std::vector<int64_t>& sa, const std::vector<int64_t>& sb) {
  const size_t r = dims.size();
  const int64_t n = dims[r - 1];
  int64_t rows = 1;
  for (size_t i = 0; i + 1 < r; i++) rows *= dims[i];
  auto offsets = [&](int64_t row, int64_t* oa, int64_t* ob) {
    int64_t pa = 0, pb = 0;
    for (size_t i = r - 1; i-- > 0;) {
      const int64_t k = row % dims[i];
      row /= dims[i];
      pa += k * sa[i];
      pb += k * sb[i];
    }
    *oa = pa;
    *ob = pb;
  };
  const int64_t total = rows * n;
  if (rows >= 16 || total < kParallel) {
    // Blocks of rows: the operand offsets of a block's first row by division, then an odometer
    // (a division per row costs more than a short row's work, e.g. a bias add over 8 channels).
    const int64_t block = std::max<int64_t>(1, 4096 / n), blocks = (rows + block - 1) / block;
#pragma omp parallel for schedule(static) if (total >= kParallel)
    for (int64_t bi = 0; bi < blocks; bi++) {
      const int64_t r0 = bi * block, r1 = std::min(rows, r0 + block);
      int64_t idx[8] = {0}, oa = 0, ob = 0;
      for (int64_t rem = r0, i = int64_t(r) - 1; i-- > 0;) {
        idx[i] = rem % dims[i];
        rem /= dims[i];
        oa += idx[i] * sa[i];
        ob += idx[i] * sb[i];
      }
      for (int64_t row = r0; row < r1; row++) {
        Row<Op>(a + oa, b + ob, o + row * n, n, sa[r - 1], sb[r - 1]);
        for (int64_t i = int64_t(r) - 2; i >= 0; i--) {
          oa += sa[i];
          ob += sb[i];
          if (++idx[i] < dims[i]) break;
          oa -= sa[i] * dims[i];
          ob -= sb[i] * dims[i];
          idx[i] = 0;
        }
      }
    }
    return;
  }
  constexpr int64_t kChunk = 8192;
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  for (int64_t row = 0; row < rows; row++) {
    int64_t oa, ob;
    offsets(row, &oa, &ob);
#pragma omp parallel for schedule(static)
    for (int64_t c = 0; c < chunks; c++) {
      const int64_t s = c * kChunk, len = std::min(kChunk, n - s);
      Row<Op>(a + oa + s * sa[r - 1], b + ob + s * sb[r - 1], o + row * n + s, len, sa[r - 1], sb[r - 1]);
    }
  }
}

// Extent (in floats) of an operand with these dims and strides.
int64_t Extent(const std::vector<int64_t>& dims, const std::vector<int64_t>& s) {
  int64_t e = 1;
  for (size_t i = 0; i < dims.size(); i++) e += (dims[i] - 1) * s[i];
  return e;
}

}  // namespace

// binary(heap, op, a, b, out, dims, stridesA, stridesB): out (contiguous, shape dims) =
// op(a, b) with per-operand strides (0 = broadcast); the last stride of each is 0 or 1.
// op: 0 add, 1 sub, 2 mul, 3 div, 4 squared difference, 5 max, 6 min.
napi_value Binary(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 8, [](Args& a) {
    const int64_t op = a.Int(1);
    const auto dims = a.Ints(5, 0, ""), sa = a.Ints(6, 0, ""), sb = a.Ints(7, 0, "");
    if (dims.empty() || sa.size() != dims.size() || sb.size() != dims.size()) throw Error{"binary: dims and strides must have the same, non-zero length"};
    int64_t total = 1;
    for (auto d : dims) {
      if (d < 1) throw Error{"binary: dims must be positive"};
      total *= d;
    }
    for (size_t i = 0; i < dims.size(); i++) if (sa[i] < 0 || sb[i] < 0) throw Error{"binary: strides must be non-negative"};
    if (sa.back() > 1 || sb.back() > 1) throw Error{"binary: the last stride must be 0 or 1"};
    const float* x = a.At(a.Int(2), Extent(dims, sa), "binary a");
    const float* y = a.At(a.Int(3), Extent(dims, sb), "binary b");
    float* o = a.At(a.Int(4), total, "binary out");
    switch (op) {
      case 0: Run<0>(x, y, o, dims, sa, sb); break;
      case 1: Run<1>(x, y, o, dims, sa, sb); break;
      case 2: Run<2>(x, y, o, dims, sa, sb); break;
      case 3: Run<3>(x, y, o, dims, sa, sb); break;
      case 4: Run<4>(x, y, o, dims, sa, sb); break;
      case 5: Run<5>(x, y, o, dims, sa, sb); break;
      case 6: Run<6>(x, y, o, dims, sa, sb); break;
      default: throw Error{"binary: unknown op " + std::to_string(op)};
    }
  });
}

// reduce(heap, x, out, A, R, C, scale): out[a·C + c] = scale · Σ_r x[(a·R + r)·C + c], float64
// accumulators, each output summed in order of r.
napi_value Reduce(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 7, [](Args& a) {
    const int64_t A = a.Int(3), R = a.Int(4), C = a.Int(5);
    const double scale = a.Double(6, 1);
    if (A < 1 || R < 1 || C < 1) throw Error{"reduce: sizes must be positive"};
    const float* x = a.At(a.Int(1), A * R * C, "reduce x");
    float* o = a.At(a.Int(2), A * C, "reduce out");
    const bool par = A * R * C >= kParallel;
    if (C == 1) {
#pragma omp parallel for schedule(static) if (par)
      for (int64_t i = 0; i < A; i++) {
        const float* p = x + i * R;
        double s = 0;
        for (int64_t r = 0; r < R; r++) s += p[r];
        o[i] = float(s * scale);
      }
      return;
    }
    constexpr int64_t kBlock = 64;
    const int64_t blocks = (C + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static) if (par)
    for (int64_t t = 0; t < A * blocks; t++) {
      const int64_t i = t / blocks, c0 = (t % blocks) * kBlock, len = std::min(kBlock, C - c0);
      double acc[kBlock] = {0};
      const float* p = x + i * R * C + c0;
      for (int64_t r = 0; r < R; r++, p += C) for (int64_t j = 0; j < len; j++) acc[j] += p[j];
      for (int64_t j = 0; j < len; j++) o[i * C + c0 + j] = float(acc[j] * scale);
    }
  });
}
