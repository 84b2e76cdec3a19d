import { describe, expect, it } from 'vitest';
import { byChannelIndex, channelIndex } from './channel-indices.js';

describe('channel indices', () => {
  const channels = ['density', 'energy', 'momentum_x'];

  it('maps names to their positions', () => {
    expect(channelIndex(channels, 'momentum_x', 'a.yaml', '--field')).toBe(2);
    expect(byChannelIndex(channels, { energy: 'log1p', density: 'log' }, 'a.yaml', 'data.transform')).toEqual({ 1: 'log1p', 0: 'log' });
  });

  it('names the file, the key and the available channels for an unknown name', () => {
    expect(() => byChannelIndex(channels, { Energy: 'log1p' }, 'run/config.yaml', 'data.transform')).toThrow(
      "run/config.yaml: data.transform.Energy: no channel 'Energy' (channels: density, energy, momentum_x)",
    );
  });
});
