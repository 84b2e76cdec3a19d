import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Lints `code` as if it were a file at `relPath` in the workspace (nothing is written to disk). */
async function lint(relPath: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relPath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries (docs/architecture.md §2)', () => {
  it('rejects a core lib importing a workflow lib', async () => {
    const messages = await lint('libs/nn-blocks/src/forbidden.ts', "import * as e from '@lola-ts/emulation';\nexport const x = e;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects a model lib importing another model lib', async () => {
    const messages = await lint('libs/diffusion/src/forbidden.ts', "import * as s from '@lola-ts/solvers';\nexport const x = s;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects a lib importing an app', async () => {
    const messages = await lint('libs/emulation/src/forbidden.ts', "import * as t from '@lola-ts/trainer';\nexport const x = t;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects a program importing another program', async () => {
    const messages = await lint('benchmarks/src/forbidden.ts', "import * as ev from '@lola-ts/evaluator';\nexport const x = ev;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects deep imports into another package', async () => {
    const messages = await lint(
      'apps/trainer/src/forbidden.ts',
      "import * as d from '@lola-ts/well-data/src/index.js';\nexport const x = d;\n",
    );
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('accepts an allowed direction (workflow -> core)', async () => {
    const messages = await lint('libs/emulation/src/allowed.ts', "import * as m from '@lola-ts/metrics';\nexport const x = m;\n");
    expect(messages).toEqual([]);
  });
});
