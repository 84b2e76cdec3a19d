/**
 * Headless Chromium for the page (playwright-core driving Debian's /usr/bin/chromium, as the
 * report tests do). No GPU flags: WebGPU is usually unavailable there, and the page says why.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import type { RunRequest, RunResult } from '../manifest.js';

export const DEFAULT_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath = DEFAULT_CHROMIUM, opts: { gpu?: boolean } = {}): Promise<Browser> {
  const args = opts.gpu ? [...FLAGS.filter((f) => f !== '--disable-gpu'), '--enable-unsafe-webgpu', '--disable-gpu-watchdog'] : FLAGS;
  return chromium.launch({ executablePath, args });
}

/** What the page says about itself once ready. */
export interface PageInfo {
  backend: string;
  notes: string[];
  simd: boolean;
  threads: number;
  emulators: { runId: string; kind: string }[];
  channels: string[];
  shape: number[];
  trajectories: number;
  compressionRate: number;
  userAgent: string;
}

/** Opens the page file with URL parameters; resolves when it is ready, or throws the page's error. */
export async function openEmulatePage(
  browser: Browser,
  file: string,
  query: Record<string, string | number> = {},
): Promise<{ page: Page; info: PageInfo }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = new URL(pathToFileURL(file).href);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  await page.goto(url.href);
  await page
    .waitForFunction(() => (globalThis as Record<string, unknown>).lolaEmulateReady !== undefined, undefined, { timeout: 60_000 })
    .catch(() => undefined);
  const ok = await page.evaluate(() => (globalThis as unknown as { lolaEmulateReady?: Promise<boolean> }).lolaEmulateReady);
  if (!ok) {
    const why = await page.evaluate(() => (globalThis as Record<string, unknown>).lolaEmulateError as string | undefined);
    await page.close();
    throw new Error(`${file}: the page did not start: ${why ?? errors.join('; ') ?? 'no error reported'}`);
  }
  const info = await page.evaluate(() => (globalThis as unknown as { lolaEmulate: { info: PageInfo } }).lolaEmulate.info);
  return { page, info };
}

/** Runs `window.lolaEmulate.run(req)` in the page. */
export function runInPage(page: Page, req: RunRequest): Promise<RunResult> {
  return page.evaluate(
    (r) => (globalThis as unknown as { lolaEmulate: { run: (q: RunRequest) => Promise<RunResult> } }).lolaEmulate.run(r),
    req,
  );
}

/** Per canvas: size, distinct colours, non-finite (magenta) pixels. */
export function canvasStats(page: Page): Promise<Record<string, { width: number; height: number; colours: number; nonFinite: number }>> {
  return page.evaluate(() =>
    (
      globalThis as unknown as {
        lolaEmulate: { canvasStats: () => Record<string, { width: number; height: number; colours: number; nonFinite: number }> };
      }
    ).lolaEmulate.canvasStats(),
  );
}
