import { describe, expect, it } from 'vitest';
import { commitKeyer, LOCAL_COMMIT, recordCommitKeyer } from './commits.js';

const FULL = '0123456789abcdef0123456789abcdef01234567';
const OTHER = 'fedcba9876543210fedcba9876543210fedcba98';

describe('commit keys', () => {
  it('takes a 12-character hash as the full commit it abbreviates', () => {
    const key = recordCommitKeyer([{ commit: FULL.slice(0, 12) }, { commit: FULL }, { commit: OTHER }, { commit: null }]);
    expect(key(FULL.slice(0, 12))).toBe(FULL);
    expect(key(FULL)).toBe(FULL);
    expect(key(OTHER)).toBe(OTHER);
    expect(key(null)).toBe(LOCAL_COMMIT);
    expect(key(undefined)).toBe(LOCAL_COMMIT);
  });

  it('keeps an unmatched, ambiguous or non-hash commit as written', () => {
    expect(commitKeyer([FULL])('abcdef012345')).toBe('abcdef012345');
    const twins = ['0123456789ab' + 'c'.repeat(28), '0123456789ab' + 'd'.repeat(28)];
    expect(commitKeyer(twins)('0123456789ab')).toBe('0123456789ab');
    expect(commitKeyer([FULL])('0123')).toBe('0123'); // too short to be an abbreviated hash
  });
});
