// Strided copy (Transpose) on float32 / int32 tensors of the wasm heap: out (contiguous, shape
// dims) [i] = x[Σ_k i_k · strides[k]]. Rows of the last axis are spread over OpenMP threads for at
// least 2^15 values; a unit inner stride copies rows with memcpy, others gather element-wise.
#include <node_api.h>
#include <omp.h>

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <vector>

#include "napi_args.h"

using lola::Args;
using lola::Error;
using lola::OnHeap;

namespace {

constexpr int64_t kParallel = int64_t(1) << 15;

}  // namespace

// strided(heap, x, out, dims, strides): the copy above (4-byte elements).
napi_value Strided(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 5, [](Args& a) {
    const auto dims = a.Ints(3, 1, "strided: "), strides = a.Ints(4, 1, "strided: ");
    if (dims.size() != strides.size()) throw Error{"strided: dims and strides must have the same length"};
    const size_t r = dims.size();
    int64_t total = 1, extent = 1;
    for (size_t k = 0; k < r; k++) {
      if (dims[k] < 1 || strides[k] < 0) throw Error{"strided: dims must be positive and strides non-negative"};
      total *= dims[k];
      extent += (dims[k] - 1) * strides[k];
    }
    const float* x = a.At(a.Int(1), extent, "strided x");
    float* o = a.At(a.Int(2), total, "strided out");
    const int64_t inner = dims[r - 1], is = strides[r - 1], rows = total / inner;
    // Blocks of rows: the source offset of a block's first row by division, then an odometer.
    const int64_t block = std::max<int64_t>(1, 4096 / inner), blocks = (rows + block - 1) / block;
#pragma omp parallel for schedule(static) if (total >= kParallel)
    for (int64_t bi = 0; bi < blocks; bi++) {
      const int64_t r0 = bi * block, r1 = std::min(rows, r0 + block);
      int64_t idx[8] = {0}, p = 0;
      for (int64_t rem = r0, k = int64_t(r) - 1; k-- > 0;) {
        idx[k] = rem % dims[k];
        rem /= dims[k];
        p += idx[k] * strides[k];
      }
      for (int64_t row = r0; row < r1; row++) {
        float* dst = o + row * inner;
        if (is == 1) std::memcpy(dst, x + p, sizeof(float) * inner);
        else for (int64_t j = 0; j < inner; j++) dst[j] = x[p + j * is];
        for (int64_t k = int64_t(r) - 2; k >= 0; k--) {
          p += strides[k];
          if (++idx[k] < dims[k]) break;
          p -= strides[k] * dims[k];
          idx[k] = 0;
        }
      }
    }
  });
}
