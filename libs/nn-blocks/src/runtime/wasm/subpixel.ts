/**
 * Conv2DBackpropInput for stride > 1 by phases (sub-pixel decomposition), so that no work is spent
 * on inserted zeros (zero insertion costs s_h·s_w times the useful multiply-adds).
 *
 * Along one axis with stride s, forward pad p and kernel K, the rows h = s·q + r of dx (phase r)
 * only receive the taps k ≡ r + p (mod s): with k0 = (r + p) mod s, J = ⌈(K − k0)/s⌉ taps
 * k_j = k0 + s·j and c = (r + p − k0)/s,
 *
 *   dx[s·q + r] = Σ_j dy[q + c − j] · W[k0 + s·j],
 *
 * a stride-1 correlation of dy with the flipped sub-filter F[t] = W[k0 + s·(J−1−t)] and top pad
 * J − 1 − c (a crop when negative). Each of the s_h·s_w phases is one XNNPACK Conv2D; the phase
 * outputs are interleaved into dx by a strided copy on the wasm heap.
 */
import { heapOffset, release, slice, stride1Conv, type BackendWasm, type TensorInfo } from './util.js';

interface Phase {
  /** first tap k0 and tap count J */
  k0: number;
  taps: number;
  /** output rows q = 0..count-1 land at s·q + r */
  count: number;
  /** pads of dy for the stride-1 correlation (negative = crop) */
  before: number;
  after: number;
}

function phase(r: number, s: number, pad: number, K: number, size: number, outSize: number): Phase {
  const k0 = (r + pad) % s;
  const taps = k0 < K ? Math.ceil((K - k0) / s) : 0;
  const count = r < size ? Math.ceil((size - r) / s) : 0;
  const c = (r + pad - k0) / s;
  const before = taps - 1 - c;
  const after = count + taps - 1 - before - outSize;
  return { k0, taps, count, before, after };
}

/** Sub-filter [Jh, Jw, Co, Ci] = W[k0h + s_h·(Jh−1−a), k0w + s_w·(Jw−1−b), ci, co] (flipped, channels swapped). */
function subFilter(
  w: Float32Array,
  K: [number, number, number, number],
  ph: Phase,
  pw: Phase,
  sh: number,
  sw: number,
  out: Float32Array,
): void {
  const [, KW, Ci, Co] = K;
  let o = 0;
  for (let a = 0; a < ph.taps; a++) {
    const kh = ph.k0 + sh * (ph.taps - 1 - a);
    for (let b = 0; b < pw.taps; b++) {
      const kw = pw.k0 + sw * (pw.taps - 1 - b);
      const base = (kh * KW + kw) * Ci * Co;
      for (let co = 0; co < Co; co++) for (let ci = 0; ci < Ci; ci++) out[o++] = w[base + ci * Co + co]!;
    }
  }
}

/** The stride-1 correlation of (cropped / padded) dy with one phase's sub-filter. */
function phaseConv(
  be: BackendWasm,
  dy: TensorInfo,
  f: TensorInfo,
  crop: number[],
  rows: number,
  cols: number,
  ph: Phase,
  pw: Phase,
): TensorInfo {
  const [B, OH, OW, Co] = dy.shape as [number, number, number, number];
  const src = rows === OH && cols === OW ? dy : slice(be, dy, [0, crop[0]!, crop[1]!, 0], [B, rows, cols, Co]);
  // [B, ph.count, pw.count, Ci]
  const y = stride1Conv(be, src, f, [Math.max(0, ph.before), Math.max(0, ph.after), Math.max(0, pw.before), Math.max(0, pw.after)]);
  if (src !== dy) release(be, src);
  return y;
}

/**
 * dx [B,H,W,Ci] of a conv with filter [KH,KW,Ci,Co], strides (sh, sw) and pads (top, left), from
 * dy [B,OH,OW,Co].
 */
export function subpixelBackpropInput(
  be: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: [number, number, number, number],
  strides: [number, number],
  pads: { top: number; left: number },
): TensorInfo {
  const [B, H, W, Ci] = inputShape;
  const [KH, KW, , Co] = filter.shape as [number, number, number, number];
  const [OH, OW] = [dy.shape[1]!, dy.shape[2]!];
  const [sh, sw] = strides;
  const dx = be.makeOutput(inputShape, 'float32');
  const heap = () => (be.wasm as unknown as { HEAPF32: Float32Array }).HEAPF32;
  const dxOff = heapOffset(be, dx) / 4;
  const w = (be.typedArrayFromHeap(filter) as Float32Array).slice();
  for (let rh = 0; rh < sh; rh++) {
    const ph = phase(rh, sh, pads.top, KH, H, OH);
    for (let rw = 0; rw < sw; rw++) {
      const pw = phase(rw, sw, pads.left, KW, W, OW);
      if (ph.count === 0 || pw.count === 0) continue;
      let y: TensorInfo | null = null;
      if (ph.taps > 0 && pw.taps > 0) {
        const f = be.makeOutput([ph.taps, pw.taps, Co, Ci], 'float32');
        subFilter(w, [KH, KW, Ci, Co], ph, pw, sh, sw, be.typedArrayFromHeap(f) as Float32Array);
        const crop = [Math.max(0, -ph.before), Math.max(0, -pw.before), Math.max(0, -ph.after), Math.max(0, -pw.after)];
        const rows = OH - crop[0]! - crop[2]!;
        const cols = OW - crop[1]! - crop[3]!;
        if (rows > 0 && cols > 0) y = phaseConv(be, dy, f, crop, rows, cols, ph, pw);
        release(be, f);
      }
      // interleave: dx[b, sh·q + rh, sw·v + rw, :] = y[b, q, v, :] (zeros for a phase without taps)
      const H32 = heap();
      const yOff = y ? heapOffset(be, y) / 4 : 0;
      for (let b = 0; b < B; b++) {
        for (let q = 0; q < ph.count; q++) {
          const row = dxOff + ((b * H + sh * q + rh) * W + rw) * Ci;
          const yrow = yOff + (b * ph.count + q) * pw.count * Ci;
          for (let v = 0; v < pw.count; v++) {
            const d = row + sw * v * Ci;
            if (y) H32.copyWithin(d, yrow + v * Ci, yrow + (v + 1) * Ci);
            else H32.fill(0, d, d + Ci);
          }
        }
      }
      if (y) release(be, y);
    }
  }
  return dx;
}
