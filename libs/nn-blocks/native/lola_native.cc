// Native CPU kernels for the tfjs wasm backend of @lola-ts/nn-blocks: single-precision products
// (OpenBLAS sgemm) and 2-D convolutions (im2col / col2im + sgemm, OpenMP over rows), computed in
// place on the wasm heap. Every tensor is given as a float offset into one typed array over the
// heap (a view of the wasm Memory, shared or not); every extent is checked against its length.
#include <node_api.h>

#include <cblas.h>
#include <omp.h>

#include "conv.h"
#include "napi_args.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
char* openblas_get_config(void);
char* openblas_get_corename(void);
int openblas_get_num_threads(void);
void openblas_set_num_threads(int);
}

namespace {

using lola::Args;
using lola::Error;
using lola::Guarded;
using lola::OnHeap;

// Convolutions by oneDNN when compiled in and not switched off (setConvEngine).
bool useDnnl = true;
int threads = 1;
// Products of at most this many multiply-adds are run one per thread across a batch.
constexpr int64_t kSmallGemm = int64_t(1) << 22;

// Floats of im2col scratch per chunk (32 MiB): large enough for the gemm to run at full speed.
constexpr int64_t kChunkFloats = int64_t(1) << 23;

std::vector<float>& Scratch(int64_t floats) {
  static std::vector<float> buffer;
  if (static_cast<int64_t>(buffer.size()) < floats) buffer.resize(static_cast<size_t>(floats));
  return buffer;
}

// gemm(heap, batch, M, N, K, a, strideA, transA, b, strideB, transB, c, strideC, beta)
// C[i] = op(A[i]) · op(B[i]) + beta · C[i], row-major; a stride of 0 broadcasts one matrix.
napi_value Gemm(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, 14, [](Args& a) {
    const int64_t batch = a.Int(1), M = a.Int(2), N = a.Int(3), K = a.Int(4);
    const int64_t oa = a.Int(5), sa = a.Int(6), ob = a.Int(8), sb = a.Int(9), oc = a.Int(11), sc = a.Int(12);
    const bool ta = a.Bool(7), tb = a.Bool(10);
    const double beta = a.Double(13, 0);
    if (batch < 1 || M < 1 || N < 1 || K < 1) throw Error{"gemm: sizes must be positive"};
    float* A = a.At(oa, (batch - 1) * sa + M * K, "gemm A");
    float* B = a.At(ob, (batch - 1) * sb + K * N, "gemm B");
    float* C = a.At(oc, (batch - 1) * sc + M * N, "gemm C");
    if (batch >= 2 && threads > 1 && M * N * K <= kSmallGemm) {
      // Small products (e.g. attention heads): one single-threaded sgemm per batch entry, the
      // entries spread over the threads (OpenBLAS's own threading costs more than it gains here).
      openblas_set_num_threads(1);
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < batch; i++) {
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, int(M), int(N), int(K), 1.0f,
                    A + i * sa, int(ta ? M : K), B + i * sb, int(tb ? K : N), float(beta), C + i * sc, int(N));
      }
      openblas_set_num_threads(threads);
      return;
    }
    for (int64_t i = 0; i < batch; i++) {
      cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, int(M), int(N), int(K), 1.0f,
                  A + i * sa, int(ta ? M : K), B + i * sb, int(tb ? K : N), float(beta), C + i * sc, int(N));
    }
  });
}

// cols[r - r0, (kh, kw, ci)] = x[b, oh·sh + kh·dh − pt, ow·sw + kw·dw − pl, ci] (0 outside).
void Im2col(const Conv& c, const float* x, float* cols, int64_t r0, int64_t r1) {
  const int64_t kc = c.Kc();
#pragma omp parallel for schedule(static)
  for (int64_t r = r0; r < r1; r++) {
    const int64_t b = r / (c.OH * c.OW), rem = r % (c.OH * c.OW), oh = rem / c.OW, ow = rem % c.OW;
    float* dst = cols + (r - r0) * kc;
    for (int64_t kh = 0; kh < c.KH; kh++) {
      const int64_t ih = oh * c.sh + kh * c.dh - c.pt;
      for (int64_t kw = 0; kw < c.KW; kw++) {
        const int64_t iw = ow * c.sw + kw * c.dw - c.pl;
        float* d = dst + (kh * c.KW + kw) * c.Ci;
        if (ih < 0 || ih >= c.H || iw < 0 || iw >= c.W) std::memset(d, 0, sizeof(float) * c.Ci);
        else std::memcpy(d, x + ((b * c.H + ih) * c.W + iw) * c.Ci, sizeof(float) * c.Ci);
      }
    }
  }
}

// dx[b, ih, iw, ci] += cols[r − r0, (kh, kw, ci)] for the rows r in [r0, r1); parallel over input
// rows (each written by one thread).
void Col2im(const Conv& c, const float* cols, float* dx, int64_t r0, int64_t r1) {
  const int64_t kc = c.Kc(), per = c.OH * c.OW;
  for (int64_t b = r0 / per; b <= (r1 - 1) / per; b++) {
#pragma omp parallel for schedule(static)
    for (int64_t ih = 0; ih < c.H; ih++) {
      float* row = dx + (b * c.H + ih) * c.W * c.Ci;
      for (int64_t kh = 0; kh < c.KH; kh++) {
        const int64_t t = ih + c.pt - kh * c.dh;
        if (t < 0 || t % c.sh != 0) continue;
        const int64_t oh = t / c.sh;
        if (oh >= c.OH) continue;
        for (int64_t ow = 0; ow < c.OW; ow++) {
          const int64_t r = (b * c.OH + oh) * c.OW + ow;
          if (r < r0 || r >= r1) continue;
          const float* src = cols + (r - r0) * kc + kh * c.KW * c.Ci;
          for (int64_t kw = 0; kw < c.KW; kw++) {
            const int64_t iw = ow * c.sw + kw * c.dw - c.pl;
            if (iw < 0 || iw >= c.W) continue;
            float* d = row + iw * c.Ci;
            const float* s = src + kw * c.Ci;
            for (int64_t i = 0; i < c.Ci; i++) d[i] += s[i];
          }
        }
      }
    }
  }
}

// The sgemm paths of Conv2d (1×1 convolutions, im2col / col2im in chunks).
void ConvBody(const Conv& c, int mode, float* x, float* w, float* y) {
  const int64_t kc = c.Kc(), rows = c.Rows();
  if (c.Pointwise()) {
    if (mode == 0) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rows), int(c.Co), int(kc), 1.0f, x, int(kc), w, int(c.Co), 0.0f, y, int(c.Co));
    else if (mode == 1) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(rows), int(kc), int(c.Co), 1.0f, y, int(c.Co), w, int(c.Co), 0.0f, x, int(kc));
    else cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(kc), int(c.Co), int(rows), 1.0f, x, int(kc), y, int(c.Co), 0.0f, w, int(c.Co));
    return;
  }
  const int64_t chunk = std::max<int64_t>(std::min<int64_t>(rows, kChunkFloats / kc), 1);
  float* cols = Scratch(chunk * kc).data();
  if (mode == 1) std::memset(x, 0, sizeof(float) * c.B * c.H * c.W * c.Ci);
  for (int64_t r0 = 0; r0 < rows; r0 += chunk) {
    const int64_t r1 = std::min(rows, r0 + chunk), n = r1 - r0;
    if (mode == 0) {
      Im2col(c, x, cols, r0, r1);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(n), int(c.Co), int(kc), 1.0f, cols, int(kc), w, int(c.Co), 0.0f, y + r0 * c.Co, int(c.Co));
    } else if (mode == 1) {
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(n), int(kc), int(c.Co), 1.0f, y + r0 * c.Co, int(c.Co), w, int(c.Co), 0.0f, cols, int(kc));
      Col2im(c, cols, x, r0, r1);
    } else {
      Im2col(c, x, cols, r0, r1);
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(kc), int(c.Co), int(n), 1.0f, cols, int(kc), y + r0 * c.Co, int(c.Co), r0 == 0 ? 0.0f : 1.0f, w, int(c.Co));
    }
  }
}

// conv2d(heap, mode, x, w, y, B, H, W, Ci, KH, KW, Co, OH, OW, sh, sw, dh, dw, pt, pl[, bias]),
// NHWC, filter [KH, KW, Ci, Co]. mode 0: y = conv(x, w) (+ bias[Co] when given); 1: x = the input
// gradient of dy = y through w; 2: w = the filter gradient from x and dy = y.
napi_value Conv2d(napi_env env, napi_callback_info info) {
  return OnHeap(env, info, Args::Count(env, info) == 21 ? 21 : 20, [](Args& a) {
    const int64_t mode = a.Int(1);
    Conv c{a.Int(5), a.Int(6), a.Int(7), a.Int(8), a.Int(9), a.Int(10), a.Int(11), a.Int(12), a.Int(13),
           a.Int(14), a.Int(15), a.Int(16), a.Int(17), a.Int(18), a.Int(19)};
    if (c.B < 1 || c.H < 1 || c.W < 1 || c.Ci < 1 || c.KH < 1 || c.KW < 1 || c.Co < 1 || c.OH < 1 || c.OW < 1 || c.sh < 1 ||
        c.sw < 1 || c.dh < 1 || c.dw < 1 || mode < 0 || mode > 2) {
      throw Error{"conv2d: sizes, strides and dilations must be positive and mode 0, 1 or 2"};
    }
    float* x = a.At(a.Int(2), c.B * c.H * c.W * c.Ci, "conv2d x");
    float* w = a.At(a.Int(3), c.Kc() * c.Co, "conv2d filter");
    float* y = a.At(a.Int(4), c.Rows() * c.Co, "conv2d y");
    const int64_t rows = c.Rows();
    const float* bias = a.v.size() == 21 && mode == 0 ? a.At(a.Int(20), c.Co, "conv2d bias") : nullptr;
    std::string why;
    if (useDnnl && !c.Pointwise() && DnnlConv(c, int(mode), x, w, y, &why, bias)) return;
    ConvBody(c, int(mode), x, w, y);
    if (bias) {
#pragma omp parallel for schedule(static) if (rows * c.Co >= (int64_t(1) << 15))
      for (int64_t r = 0; r < rows; r++)
        for (int64_t o = 0; o < c.Co; o++) y[r * c.Co + o] += bias[o];
    }
  });
}

napi_value SetThreads(napi_env env, napi_callback_info info) {
  return Guarded(env, [&] {
    const int64_t n = Args(env, info, 1).Int(0);
    if (n < 1 || n > 256) throw Error{"setThreads: expected 1 to 256"};
    threads = int(n);
    openblas_set_num_threads(threads);
    omp_set_num_threads(threads);
  });
}

// setConvEngine('dnnl' | 'im2col'): which path computes non-pointwise convolutions.
napi_value SetConvEngine(napi_env env, napi_callback_info info) {
  return Guarded(env, [&] {
    Args a(env, info, 1);
    char name[16] = {0};
    size_t len = 0;
    napi_get_value_string_utf8(env, a.v[0], name, sizeof(name), &len);
    const std::string n(name, len);
    if (n != "dnnl" && n != "im2col") throw Error{"setConvEngine: expected 'dnnl' or 'im2col', got '" + n + "'"};
    useDnnl = n == "dnnl";
  });
}

napi_value Str(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s ? s : "", NAPI_AUTO_LENGTH, &v);
  return v;
}

// info() → { config, core, threads, conv }: the OpenBLAS build, the kernel set it chose for this
// CPU, threads, and the convolution engine (oneDNN version and last implementation, or im2col).
napi_value Info(napi_env env, napi_callback_info) {
  napi_value o, t;
  napi_create_object(env, &o);
  napi_set_named_property(env, o, "config", Str(env, openblas_get_config()));
  napi_set_named_property(env, o, "core", Str(env, openblas_get_corename()));
  napi_create_int32(env, openblas_get_num_threads(), &t);
  napi_set_named_property(env, o, "threads", t);
  const std::string dnnl = DnnlInfo();
  napi_set_named_property(env, o, "conv", Str(env, useDnnl && !dnnl.empty() ? dnnl.c_str() : "im2col + OpenBLAS sgemm"));
  return o;
}

}  // namespace

// The kernels of elementwise.cc, unary.cc and transpose.cc.
using Kernel = napi_value(napi_env, napi_callback_info);
Kernel Binary, Reduce, UnaryOp, Softmax, Norm, NormGrad, Strided, SoftmaxGrad;

namespace {

napi_property_descriptor Method(const char* name, napi_callback fn) {
  return {name, nullptr, fn, nullptr, nullptr, nullptr, napi_default, nullptr};
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      Method("gemm", Gemm), Method("conv2d", Conv2d), Method("setThreads", SetThreads), Method("binary", Binary),
      Method("reduce", Reduce), Method("unary", UnaryOp), Method("softmax", Softmax), Method("norm", Norm),
      Method("normGrad", NormGrad), Method("strided", Strided), Method("softmaxGrad", SoftmaxGrad),
      Method("setConvEngine", SetConvEngine), Method("info", Info),
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
