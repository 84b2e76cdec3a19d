import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenCitations, findCitations, headingNumbers, sourceFiles } from './doc-citations.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCES = ['.ts', '.cc', '.h', '.js', '.mjs'];
/** The source trees whose comments must cite only documents of this repository. */
const TREES = ['libs/*/src', 'libs/*/native', 'apps/*/src', 'benchmarks/src', 'tools/src'];

/** The source files of `TREES`, relative to the root (a `*` stands for every folder there). */
function files(): string[] {
  return TREES.flatMap((tree) => {
    const [top, star, sub] = tree.split('/');
    const dirs =
      star === '*' ? readdirSync(path.join(root, top!)).map((name) => path.join(root, top!, name, sub!)) : [path.join(root, tree)];
    return dirs.flatMap((d) => sourceFiles(d, SOURCES)).map((p) => path.relative(root, p));
  });
}

describe('citations of docs/*.md in source comments', () => {
  it('finds single sections, lists, ranges and backticked names', () => {
    const text = [
      '// see docs/method.md §13.2',
      '/* (`docs/well-format.md` §8.2–8.3; docs/runtime.md §1, §3 and §4) */',
      'docs/simulators.md §2.5 / §5: x',
    ].join('\n');
    expect(findCitations(text).map((c) => `${c.line} ${c.doc} ${c.section}`)).toEqual([
      '1 docs/method.md 13.2',
      '2 docs/well-format.md 8.2',
      '2 docs/well-format.md 8.3',
      '2 docs/runtime.md 1',
      '2 docs/runtime.md 3',
      '2 docs/runtime.md 4',
      '3 docs/simulators.md 2.5',
      '3 docs/simulators.md 5',
    ]);
    expect(findCitations('docs/method.md §12, §14.1 item 11').map((c) => c.section)).toEqual(['12', '14.1']);
    const wrapped = findCitations('/**\n * Diagnostics (`docs/simulators.md`\n * §3.5, §3.1): x\n */\n// docs/runtime.md\n// §2');
    expect(wrapped.map((c) => `${c.line} ${c.section} ${c.text}`)).toEqual([
      '2 3.5 docs/simulators.md` §3.5, §3.1',
      '2 3.1 docs/simulators.md` §3.5, §3.1',
      '5 2 docs/runtime.md §2',
    ]);
  });

  it('reads the numbers of numbered headings only', () => {
    expect(headingNumbers('# Title\n## 13. Evaluation\n### 13.2 Pointwise metrics\n## Notes\n#### 2.1.3 Deep\n')).toEqual([
      '13',
      '13.2',
      '2.1.3',
    ]);
  });

  it('reports a missing document and a missing section with file:line and the sections available', () => {
    const d = 'docs'; // keeps these citations of documents that do not exist out of this file's own scan
    const dir = mkdtempSync(path.join(tmpdir(), 'doc-citations-'));
    try {
      mkdirSync(path.join(dir, 'docs'));
      writeFileSync(path.join(dir, 'docs', 'a.md'), '# A\n## 1. One\n### 1.1 Sub\n');
      writeFileSync(path.join(dir, 'x.ts'), `// ${d}/a.md §1.1\n// ${d}/a.md §2\n/* ${d}/b.md §1 */\n`);
      expect(brokenCitations(dir, ['x.ts'])).toEqual([
        `x.ts:2: "${d}/a.md §2": ${d}/a.md has no section 2 (it has 1, 1.1)`,
        `x.ts:3: "${d}/b.md §1": ${d}/b.md does not exist`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every cited document exists and has the cited section', () => {
    const scanned = files();
    expect(scanned.length).toBeGreaterThan(100);
    expect(scanned.flatMap((f) => findCitations(readFileSync(path.join(root, f), 'utf8'))).length).toBeGreaterThan(200);
    expect(brokenCitations(root, scanned), 'file:line: citation: problem (the sections the document has)').toEqual([]);
  });

  it('no source file cites the reference workspace or its specs (documents the repository lacks)', () => {
    // Built from pieces so that this file does not match itself.
    const banned = [['..', 'shared'].join('/'), ['spec', ''].join('/'), ['spec', '§'].join(' ')];
    const hits = files().flatMap((f) =>
      readFileSync(path.join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (banned.some((b) => line.includes(b)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
