// 2-D convolutions (forward, input gradient, filter gradient) by oneDNN (Debian libdnnl-dev), on
// NHWC activations in place; the filter is reordered from [KH, KW, Ci, Co] to the layout oneDNN
// picks. Primitives are cached by geometry. Compiled only when oneDNN is found (LOLA_DNNL).
#include "conv.h"

#ifdef LOLA_DNNL
#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

dnnl::engine& Engine() {
  static dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  return eng;
}

struct Plan {
  memory::desc x, wUser, y;
  dnnl::convolution_forward::primitive_desc fwd;
  // The forward with a bias (built on first use).
  dnnl::convolution_forward::primitive_desc fwdBias;
  bool hasBias = false;
  dnnl::convolution_backward_data::primitive_desc bwdData;
  dnnl::convolution_backward_weights::primitive_desc bwdWeights;
  bool hasBwd = false;
  std::string impl;
};

using Key = std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t>;
std::map<Key, std::unique_ptr<Plan>> plans;
std::string lastImpl;

Plan* Get(const Conv& c, bool backward, bool bias) {
  const Key key{c.B, c.H, c.W, c.Ci, c.KH, c.KW, c.Co, c.OH, c.OW, c.sh, c.sw, c.dh, c.dw, c.pt, c.pl};
  auto it = plans.find(key);
  Plan* p = it == plans.end() ? nullptr : it->second.get();
  // Right pads that give exactly OH × OW (oneDNN checks OH = (H + pt + pr − ext) / sh + 1).
  const int64_t extH = (c.KH - 1) * c.dh + 1, extW = (c.KW - 1) * c.dw + 1;
  int64_t pb = std::max<int64_t>(0, (c.OH - 1) * c.sh + extH - c.H - c.pt);
  int64_t pr = std::max<int64_t>(0, (c.OW - 1) * c.sw + extW - c.W - c.pl);
  if ((c.H + c.pt + pb - extH) / c.sh + 1 != c.OH || (c.W + c.pl + pr - extW) / c.sw + 1 != c.OW) return nullptr;
  const memory::dims strides{c.sh, c.sw}, dil{c.dh - 1, c.dw - 1}, padL{c.pt, c.pl}, padR{pb, pr};
  if (!p) {
    auto np = std::make_unique<Plan>();
    np->x = memory::desc({c.B, c.Ci, c.H, c.W}, dt::f32, tag::nhwc);
    np->y = memory::desc({c.B, c.Co, c.OH, c.OW}, dt::f32, tag::nhwc);
    np->wUser = memory::desc({c.Co, c.Ci, c.KH, c.KW}, dt::f32, tag::hwio);
    memory::desc wAny({c.Co, c.Ci, c.KH, c.KW}, dt::f32, tag::any);
    dnnl::convolution_forward::desc fd(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, np->x, wAny, np->y, strides, dil, padL, padR);
    np->fwd = dnnl::convolution_forward::primitive_desc(fd, Engine());
    np->impl = np->fwd.impl_info_str();
    p = np.get();
    plans.emplace(key, std::move(np));
  }
  if (bias && !p->hasBias) {
    memory::desc wAny({c.Co, c.Ci, c.KH, c.KW}, dt::f32, tag::any), b({c.Co}, dt::f32, tag::x);
    dnnl::convolution_forward::desc fd(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, p->x, wAny, b, p->y, strides, dil, padL, padR);
    p->fwdBias = dnnl::convolution_forward::primitive_desc(fd, Engine());
    p->hasBias = true;
  }
  if (backward && !p->hasBwd) {
    memory::desc wAny({c.Co, c.Ci, c.KH, c.KW}, dt::f32, tag::any);
    dnnl::convolution_backward_data::desc bd(dnnl::algorithm::convolution_direct, p->x, wAny, p->y, strides, dil, padL, padR);
    p->bwdData = dnnl::convolution_backward_data::primitive_desc(bd, Engine(), p->fwd);
    dnnl::convolution_backward_weights::desc bw(dnnl::algorithm::convolution_direct, p->x, wAny, p->y, strides, dil, padL, padR);
    p->bwdWeights = dnnl::convolution_backward_weights::primitive_desc(bw, Engine(), p->fwd);
    p->hasBwd = true;
  }
  return p;
}

// The filter in the layout `want`: the user memory itself, or a reordered copy.
memory Weights(const memory::desc& want, memory& user, dnnl::stream& s) {
  if (want == user.get_desc()) return user;
  memory m(want, Engine());
  dnnl::reorder(user, m).execute(s, user, m);
  return m;
}

}  // namespace

bool DnnlConv(const Conv& c, int mode, float* x, float* w, float* y, std::string* why, const float* bias) {
  try {
    Plan* p = Get(c, mode != 0, mode == 0 && bias);
    if (!p) {
      *why = "padding not expressible for oneDNN";
      return false;
    }
    dnnl::stream s(Engine());
    memory xm(p->x, Engine(), x), ym(p->y, Engine(), y), wm(p->wUser, Engine(), w);
    if (mode == 0 && bias) {
      memory wk = Weights(p->fwdBias.weights_desc(), wm, s);
      memory bm(memory::desc({c.Co}, dt::f32, tag::x), Engine(), const_cast<float*>(bias));
      dnnl::convolution_forward(p->fwdBias).execute(s, {{DNNL_ARG_SRC, xm}, {DNNL_ARG_WEIGHTS, wk}, {DNNL_ARG_BIAS, bm}, {DNNL_ARG_DST, ym}});
      lastImpl = p->fwdBias.impl_info_str();
    } else if (mode == 0) {
      memory wk = Weights(p->fwd.weights_desc(), wm, s);
      dnnl::convolution_forward(p->fwd).execute(s, {{DNNL_ARG_SRC, xm}, {DNNL_ARG_WEIGHTS, wk}, {DNNL_ARG_DST, ym}});
      lastImpl = p->impl;
    } else if (mode == 1) {
      memory wk = Weights(p->bwdData.weights_desc(), wm, s);
      dnnl::convolution_backward_data(p->bwdData).execute(s, {{DNNL_ARG_DIFF_DST, ym}, {DNNL_ARG_WEIGHTS, wk}, {DNNL_ARG_DIFF_SRC, xm}});
      lastImpl = p->bwdData.impl_info_str();
    } else {
      const memory::desc want = p->bwdWeights.diff_weights_desc();
      if (want == p->wUser) {
        dnnl::convolution_backward_weights(p->bwdWeights).execute(s, {{DNNL_ARG_SRC, xm}, {DNNL_ARG_DIFF_DST, ym}, {DNNL_ARG_DIFF_WEIGHTS, wm}});
      } else {
        memory dw(want, Engine());
        dnnl::convolution_backward_weights(p->bwdWeights).execute(s, {{DNNL_ARG_SRC, xm}, {DNNL_ARG_DIFF_DST, ym}, {DNNL_ARG_DIFF_WEIGHTS, dw}});
        dnnl::reorder(dw, wm).execute(s, dw, wm);
      }
      lastImpl = p->bwdWeights.impl_info_str();
    }
    s.wait();
    return true;
  } catch (const dnnl::error& e) {
    *why = e.what();
    return false;
  }
}

std::string DnnlInfo() {
  const dnnl_version_t* v = dnnl_version();
  return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch) + (lastImpl.empty() ? "" : " (" + lastImpl + ")");
}

#else

bool DnnlConv(const Conv&, int, float*, float*, float*, std::string* why, const float*) {
  *why = "built without oneDNN";
  return false;
}

std::string DnnlInfo() { return ""; }

#endif
