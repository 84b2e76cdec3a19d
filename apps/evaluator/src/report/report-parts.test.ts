import { renderVegaLiteSvg } from '@lola-ts/experiment';
import { describe, expect, it } from 'vitest';
import { encodeSideBySideGif } from './animation.js';
import { lineChartSpec } from './charts.js';
import { displayRange, toPaletteIndices, VIRIDIS } from './colormap.js';

describe('report parts', () => {
  it('maps values onto the 256-colour palette with clamping', () => {
    expect(VIRIDIS).toHaveLength(256);
    expect(VIRIDIS[0]).toEqual([68, 1, 84]);
    expect(VIRIDIS[255]).toEqual([253, 231, 37]);
    expect([...toPaletteIndices([-1, 0, 0.5, 1, 2, NaN], 0, 1)]).toEqual([0, 0, 128, 255, 255, 0]);
    const ramp = Float32Array.from({ length: 1001 }, (_, i) => i);
    expect(displayRange(ramp)).toEqual([10, 990]);
  });

  it('encodes a side-by-side GIF with one image per frame', () => {
    const frame = (v: number) => Float32Array.from({ length: 8 * 6 }, (_, i) => v + i / 48);
    const gif = encodeSideBySideGif(
      [
        { label: 'truth', frames: [frame(0), frame(1), frame(2)] },
        { label: 'dm', frames: [frame(0.1), frame(1.1), frame(2.1)] },
      ],
      { height: 8, width: 6, scale: 4 },
    );
    expect(Buffer.from(gif.subarray(0, 6)).toString('latin1')).toBe('GIF89a');
    // logical screen width = 2 panels × 24 px + 4 px gap, height 32 px (little endian)
    expect(gif[6]! | (gif[7]! << 8)).toBe(52);
    expect(gif[8]! | (gif[9]! << 8)).toBe(32);
    const imageDescriptors = [...gif].filter((b, i) => b === 0x2c && gif[i - 1] === 0x00 && gif[i - 8] === 0x21).length;
    expect(imageDescriptors).toBe(3);
    expect(() =>
      encodeSideBySideGif(
        [
          { label: 'a', frames: [frame(0)] },
          { label: 'b', frames: [] },
        ],
        { height: 8, width: 6 },
      ),
    ).toThrow(/panel 'b' has 0 frames, expected 1/);
  });

  it('renders a line chart to SVG with one path per series', async () => {
    const svg = await renderVegaLiteSvg(
      lineChartSpec(
        [
          { x: 1, y: 0.1, series: 'dm c64' },
          { x: 2, y: 0.2, series: 'dm c64' },
          { x: 1, y: 0.15, series: 'ns c64' },
          { x: 2, y: 0.4, series: 'ns c64' },
        ],
        { title: 'VRMSE vs lead time', x: 'lead time', y: 'VRMSE' },
      ),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('VRMSE vs lead time');
    expect(
      (svg.match(/role-mark.*?line/g) ?? []).length + (svg.match(/<path[^>]*stroke-width="1.5"/g) ?? []).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
