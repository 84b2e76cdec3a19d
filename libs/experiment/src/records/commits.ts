/**
 * One commit is one commit: records carry the full 40-character hash, older evaluation records
 * (`results.jsonl` before issue 16) a 12-character prefix. Readers key commits by the full hash
 * and take a shorter hash as the same commit when it is a prefix of a full one seen.
 */

/** The key of records without a commit (outside git). */
export const LOCAL_COMMIT = 'local';

const FULL = /^[0-9a-f]{40}$/;
/** An abbreviated hash as git prints them (at least 7 hex digits). */
const SHORT = /^[0-9a-f]{7,39}$/;

/**
 * A function from a record's commit to its key: the full hash when the commit is (a prefix of) a
 * full hash among `commits` (at least 7 hex digits), else the commit as written; `local` for null or missing commits.
 * A prefix shared by two full hashes stays as written (ambiguous).
 */
export function commitKeyer(commits: Iterable<string | null | undefined>): (commit: string | null | undefined) => string {
  const full = new Set<string>();
  for (const c of commits) if (c && FULL.test(c)) full.add(c);
  const known = new Map<string, string>();
  return (commit) => {
    if (!commit) return LOCAL_COMMIT;
    if (full.has(commit) || !SHORT.test(commit)) return commit;
    let key = known.get(commit);
    if (key === undefined) {
      const matches = [...full].filter((f) => f.startsWith(commit));
      key = matches.length === 1 ? matches[0]! : commit;
      known.set(commit, key);
    }
    return key;
  };
}

/** `commitKeyer` over the commits of `records`. */
export function recordCommitKeyer(records: readonly { commit?: string | null }[]): (commit: string | null | undefined) => string {
  return commitKeyer(records.map((r) => r.commit));
}
