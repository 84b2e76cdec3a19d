import { describe, expect, it } from 'vitest';
import { PAPER_VRMSE, paperDatasetOf } from './paper.js';

describe('paper reference suite', () => {
  it('holds the three datasets with AE/DM/NS rows and the paper take-aways', () => {
    const euler = PAPER_VRMSE.filter((r) => r.dataset === 'euler');
    expect(euler).toHaveLength(10);
    const get = (m: string, c: number) => euler.find((r) => r.method === m && r.compressionRate === c)!.vrmse;
    // (a) AE error grows with compression; (c) DM beats NS at long lead times at every latent rate.
    expect(get('ae', 80)[2]).toBeLessThan(get('ae', 320)[2]);
    expect(get('ae', 320)[2]).toBeLessThan(get('ae', 1280)[2]);
    for (const c of [80, 320, 1280]) expect(get('dm', c)[2]).toBeLessThan(get('ns', c)[2]);
    expect(get('ns', 1)).toEqual([0.138, 0.397, 1.102]);
    expect(paperDatasetOf('euler_multi_quadrants_periodicBC')).toBe('euler');
    expect(paperDatasetOf('gray_scott_reaction_diffusion')).toBeUndefined();
  });
});
