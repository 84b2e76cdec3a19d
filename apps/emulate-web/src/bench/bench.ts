/**
 * `lola-site bench`: the page in headless Chromium, once per backend; every emulator emulates the
 * first test trajectory and one record per (backend, emulator) is appended to a JSONL file. A
 * backend the browser lacks (WebGPU, usually) is reported with the page's reason, not recorded.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { ensureParentDir } from '@lola-ts/well-data';
import { launchChromium, openEmulatePage, runInPage, DEFAULT_CHROMIUM } from './chromium.js';
import { pageRecord } from './record.js';

export { DEFAULT_CHROMIUM };

export interface BenchOptions {
  page: string;
  backends: string[];
  frames?: number;
  members?: number;
  steps?: number;
  out: string;
  chromium: string;
}

export async function benchSite(opts: BenchOptions): Promise<{ records: Record<string, unknown>[]; lines: string[] }> {
  if (!existsSync(opts.page)) throw new Error(`${opts.page}: no such page (build it with \`npm run site\`)`);
  if (!existsSync(opts.chromium)) throw new Error(`${opts.chromium}: Chromium not found (apt-get install chromium, or --chromium PATH)`);
  ensureParentDir(opts.out, 'bench records directory'); // before the runs: an unwritable --out fails at once
  const records: Record<string, unknown>[] = [];
  const lines: string[] = [];
  for (const backend of opts.backends) {
    const browser = await launchChromium(opts.chromium, { gpu: backend === 'webgpu' });
    try {
      let opened;
      try {
        opened = await openEmulatePage(browser, opts.page, {
          backend,
          ...(opts.members ? { members: opts.members } : {}),
          ...(opts.steps ? { steps: opts.steps } : {}),
        });
      } catch (e) {
        lines.push(`${backend}: unavailable in headless Chromium — ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        continue;
      }
      const { page, info } = opened;
      const dataset = await page.evaluate(
        () => (globalThis as unknown as { LOLA_EMULATE_DATA: { dataset: string } }).LOLA_EMULATE_DATA.dataset,
      );
      for (const e of info.emulators) {
        let run;
        try {
          run = await runInPage(page, { emulator: e.runId, traj: 0, frames: opts.frames });
        } catch (err) {
          lines.push(
            `${info.backend} ${e.kind} ${e.runId}: initialised but the emulation failed — ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          );
          break;
        }
        const rec = pageRecord(run, info, dataset);
        records.push(rec);
        lines.push(
          `${info.backend}${info.backend === 'wasm' ? (info.simd ? ' SIMD' : '') + ` ${info.threads}T` : ''} ${run.kind} ${run.emulator}: ${(run.secondsPerStateWarm * 1000).toFixed(2)} ms/state (${run.members} member(s)${run.kind === 'dm' ? `, ${run.steps} steps` : ''}, ${run.frames} frames; first window incl.: ${(run.secondsPerState * 1000).toFixed(2)} ms)`,
        );
      }
      await page.close();
    } finally {
      await browser.close();
    }
  }
  if (records.length) {
    appendFileSync(opts.out, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  return { records, lines };
}
