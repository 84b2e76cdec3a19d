import { describe, expect, it } from 'vitest';
import { buildSite } from './site.js';

// Node's recursive mkdirSync spins forever on /proc/x; the build must fail before any work (docs/bad-inputs.md)
describe('lola-site build with an unwritable --out', () => {
  it('fails at once naming the directory', async () => {
    await expect(buildSite({ out: '/proc/x', ae: '/nonexistent/ae', emulators: [], data: '/nonexistent/data' })).rejects.toThrow(
      /cannot create site directory \/proc\/x\/emulate-assets/,
    );
  });
});
