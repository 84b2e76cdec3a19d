import { describe, expect, it } from 'vitest';
import { captureIdentity, installedVersions } from './identity.js';

describe('provenance', () => {
  it('records the full 40-character commit of the working tree with a dirty flag', () => {
    const id = captureIdentity(['@tensorflow/tfjs-core']);
    expect(id.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof id.dirty).toBe('boolean');
    expect(id.versions['@tensorflow/tfjs-core']).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists Node and the installed packages only', () => {
    const v = installedVersions(['@lola-ts/metrics', 'no-such-package-xyz']);
    expect(Object.keys(v)).toEqual(['node', '@lola-ts/metrics']);
    expect(v.node).toBe(process.version);
  });
});
