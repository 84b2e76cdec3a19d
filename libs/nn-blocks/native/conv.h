// Geometry of a 2-D NHWC convolution with filter [KH, KW, Ci, Co], shared by the im2col and
// oneDNN paths of lola_native.
#pragma once
#include <cstdint>
#include <string>

struct Conv {
  int64_t B, H, W, Ci, KH, KW, Co, OH, OW, sh, sw, dh, dw, pt, pl;
  int64_t Kc() const { return KH * KW * Ci; }
  int64_t Rows() const { return B * OH * OW; }
  bool Pointwise() const { return KH == 1 && KW == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && OH == H && OW == W; }
};

// mode 0: y = conv(x, w) (+ bias[Co] when bias is not null); 1: x = input gradient of dy = y;
// 2: w = filter gradient from x, dy = y. Returns false (with the reason) when oneDNN is not
// compiled in or rejects the geometry.
bool DnnlConv(const Conv& c, int mode, float* x, float* w, float* y, std::string* why, const float* bias = nullptr);
// The oneDNN version and the implementation it chose for the last convolution ("" without oneDNN).
std::string DnnlInfo();
