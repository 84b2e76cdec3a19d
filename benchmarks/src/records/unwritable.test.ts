import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as dashboard } from '../commands/dashboard.js';
import { appendRecords } from './index.js';

// Node's recursive mkdirSync spins forever on /proc/x; these must fail at once (docs/bad-inputs.md)
describe('unwritable outputs', () => {
  it('appendRecords refuses a records file under /proc', () => {
    expect(() => appendRecords('/proc/x/records.jsonl', [{ a: 1 }])).toThrow(/cannot create records directory \/proc\/x/);
  });

  it('lola-bench dashboard refuses --out /proc/x and a file in the way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-unwritable-'));
    const records = join(dir, 'r.jsonl');
    writeFileSync(records, '');
    await expect(dashboard(['--records', records, '--out', '/proc/x'])).rejects.toThrow(/cannot create dashboard directory \/proc\/x/);
    await expect(dashboard(['--records', records, '--out', join(records, 'site')])).rejects.toThrow(/exists and is not a directory/);
  });
});
