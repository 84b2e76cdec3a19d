/**
 * Citations of the repository's own documents in source comments (docs/architecture.md §6): a
 * comment cites `docs/<name>.md §N` or `§N.M`, several sections as `§2.1, §8.2`, `§6 and §8`,
 * `§2.5 / §5` or a range `§13.3–13.4` (both ends are checked), the name optionally in backticks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One cited section: the document (`docs/method.md`), the section number (`13.2`) and where. */
export interface Citation {
  doc: string;
  section: string;
  line: number;
  /** The citation as written, for messages. */
  text: string;
}

const SECTION = String.raw`\d+(?:\.\d+)*`;
/** Spaces, or a line break and the next comment line's leader (` * `, `// `): a citation may wrap. */
const GAP = String.raw`(?:[ \t]|\n[ \t]*(?:\*(?!/)|//)?[ \t]*)*`;
const CITATION = new RegExp(
  String.raw`(docs/[A-Za-z0-9_.-]+\.md)\`?${GAP}\(?${GAP}(§ ?${SECTION}(?:${GAP}(?:,|and|or|/|–|-)${GAP}§? ?${SECTION}(?![\d.]*[A-Za-z]))*)`,
  'g',
);

/** Every section cited in `text`, with the line (from 1) where the document is named. */
export function findCitations(text: string): Citation[] {
  const out: Citation[] = [];
  for (const m of text.matchAll(CITATION)) {
    const line = text.slice(0, m.index).split('\n').length;
    const written = m[0].replace(/\s*\n[ \t]*(?:\*|\/\/)?[ \t]*/g, ' ');
    for (const section of m[2]!.match(new RegExp(SECTION, 'g')) ?? []) out.push({ doc: m[1]!, section, line, text: written });
  }
  return out;
}

/** The section numbers of a Markdown document's numbered headings (`## 13. Evaluation` → 13, `### 13.2 Pointwise` → 13.2). */
export function headingNumbers(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(new RegExp(String.raw`^#{1,6}\s+(${SECTION})\.?\s`, 'gm'))) out.push(m[1]!);
  return out;
}

/** The files ending in one of `extensions` below `dir`, skipping node_modules and build outputs. */
export function sourceFiles(dir: string, extensions: readonly string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name === 'node_modules' || name === 'build' || name === 'dist' || name.startsWith('.')) return [];
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p, extensions);
    return extensions.some((e) => name.endsWith(e)) ? [p] : [];
  });
}

/** `file:line` messages for every citation in `files` (paths relative to `root`) that names a missing document or section. */
export function brokenCitations(root: string, files: readonly string[]): string[] {
  const headings = new Map<string, string[] | null>();
  const sections = (doc: string) => {
    if (!headings.has(doc)) {
      try {
        headings.set(doc, headingNumbers(readFileSync(path.join(root, doc), 'utf8')));
      } catch {
        headings.set(doc, null);
      }
    }
    return headings.get(doc)!;
  };
  const problems: string[] = [];
  for (const file of files) {
    for (const c of findCitations(readFileSync(path.join(root, file), 'utf8'))) {
      const known = sections(c.doc);
      const where = `${file}:${c.line}: "${c.text}"`;
      if (known === null) problems.push(`${where}: ${c.doc} does not exist`);
      else if (!known.includes(c.section)) problems.push(`${where}: ${c.doc} has no section ${c.section} (it has ${known.join(', ')})`);
    }
  }
  return problems;
}
