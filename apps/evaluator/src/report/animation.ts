/**
 * Side-by-side animations (truth | method 1 | method 2 ...) of one field of a trajectory,
 * encoded as an animated GIF with gifenc and a fixed viridis palette (shared colour scale per
 * movie, from the truth's robust range), each panel upscaled by pixel repetition.
 */
import * as gifencModule from 'gifenc';
import { displayRange, toPaletteIndices, VIRIDIS } from './colormap.js';

export interface AnimationPanel {
  label: string;
  /** Frames of one field, each [height, width] row-major. */
  frames: Float32Array[];
}

export interface AnimationOptions {
  height: number;
  width: number;
  /** Integer upscale per panel (default: to ~192 px). */
  scale?: number;
  /** Milliseconds per frame. */
  delay?: number;
  /** Gap between panels in pixels (drawn in the palette's darkest colour). */
  gap?: number;
}

/** gifenc's encoder under both its CommonJS (Node) and ESM (bundler) shapes. */
function gifEncoder(): gifencModule.GifEncoder {
  const mod = gifencModule as unknown as {
    GIFEncoder?: () => gifencModule.GifEncoder;
    default?: { GIFEncoder?: () => gifencModule.GifEncoder } | (() => gifencModule.GifEncoder);
  };
  const make = mod.GIFEncoder ?? (typeof mod.default === 'function' ? mod.default : mod.default?.GIFEncoder);
  if (!make) throw new Error('gifenc: GIFEncoder not found');
  return make();
}

/** Encodes the panels (all with the same frame count) as a GIF; returns its bytes. */
export function encodeSideBySideGif(panels: AnimationPanel[], opts: AnimationOptions): Uint8Array {
  if (!panels.length) throw new Error('animation: no panels');
  const nFrames = panels[0]!.frames.length;
  for (const p of panels) {
    if (p.frames.length !== nFrames) throw new Error(`animation: panel '${p.label}' has ${p.frames.length} frames, expected ${nFrames}`);
    for (const f of p.frames)
      if (f.length !== opts.height * opts.width)
        throw new Error(`animation: panel '${p.label}' has a frame of ${f.length} values, expected ${opts.height}×${opts.width}`);
  }
  const scale = opts.scale ?? Math.max(1, Math.round(192 / Math.max(opts.height, opts.width)));
  const gap = opts.gap ?? 4;
  const ph = opts.height * scale,
    pw = opts.width * scale;
  const W = panels.length * pw + (panels.length - 1) * gap;
  const truth = panels[0]!.frames;
  const all = new Float32Array(truth.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of truth) {
    all.set(f, o);
    o += f.length;
  }
  const [lo, hi] = displayRange(all);
  const gif = gifEncoder();
  for (let t = 0; t < nFrames; t++) {
    const index = new Uint8Array(W * ph);
    panels.forEach((panel, p) => {
      const idx = toPaletteIndices(panel.frames[t]!, lo, hi);
      const x0 = p * (pw + gap);
      for (let y = 0; y < ph; y++) {
        const src = Math.floor(y / scale) * opts.width;
        const row = y * W + x0;
        for (let x = 0; x < pw; x++) index[row + x] = idx[src + Math.floor(x / scale)]!;
      }
    });
    gif.writeFrame(index, W, ph, { palette: VIRIDIS, delay: opts.delay ?? 250 });
  }
  gif.finish();
  return gif.bytes();
}
