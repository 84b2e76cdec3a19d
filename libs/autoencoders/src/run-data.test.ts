import { describe, expect, it } from 'vitest';
import { postprocessStates, preprocessStates, type AutoencoderRunData } from './run-data.js';

const data: AutoencoderRunData = {
  channels: ['energy', 'density', 'momentum_x'],
  resolution: [8, 8],
  transform: { energy: 'log1p', density: 'log1p' },
  mean: [1.2, 0.6, 0],
  std: [0.5, 0.3, 0.5],
};

describe('AE run data', () => {
  it('pre- and post-processing invert each other (docs/method.md §1)', () => {
    const x = Float32Array.from({ length: 8 * 3 }, (_, i) => (i % 3 === 2 ? Math.sin(i) : 0.2 + (i % 7) * 0.3));
    const y = preprocessStates(data, x);
    expect(y[0]).toBeCloseTo((Math.log1p(x[0]!) - 1.2) / 0.5, 5);
    expect(y[2]).toBeCloseTo((x[2]! - 0) / 0.5, 5);
    const back = postprocessStates(data, y);
    x.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 5));
  });
});
