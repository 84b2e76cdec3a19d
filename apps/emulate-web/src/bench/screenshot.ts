/**
 * `lola-site screenshot`: the page in headless Chromium after an emulation, saved as a PNG (the
 * README's picture): the first emulator (the DM when there is one) on the first test trajectory,
 * showing `field` at the middle frame.
 */
import { existsSync } from 'node:fs';
import { channelIndex } from '@lola-ts/well-data';
import { launchChromium, openEmulatePage, runInPage } from './chromium.js';

export interface ScreenshotOptions {
  page: string;
  out: string;
  chromium: string;
  /** Channel to show (default `density` when present, else the first). */
  field?: string;
  /** Emulator run id or kind (default: the first). */
  emulator?: string;
}

export async function screenshotSite(opts: ScreenshotOptions): Promise<string> {
  if (!existsSync(opts.page)) throw new Error(`${opts.page}: no such page (build it with \`npm run site\`)`);
  const browser = await launchChromium(opts.chromium);
  try {
    const { page, info } = await openEmulatePage(browser, opts.page);
    const run = await runInPage(page, { emulator: opts.emulator ?? info.emulators[0]!.runId, traj: 0 });
    const field = opts.field ?? (info.channels.includes('density') ? 'density' : info.channels[0]!);
    const c = channelIndex(info.channels, field, opts.page, '--field');
    await page.selectOption('#field', String(c));
    if (run.members > 1) await page.selectOption('#member', '0');
    await page.$eval(
      '#frame',
      (el, f) => {
        (el as HTMLInputElement).value = String(f);
        el.dispatchEvent(new Event('input'));
      },
      Math.floor(run.frames / 2),
    );
    await page.screenshot({ path: opts.out, fullPage: true });
    return `${opts.out}: ${run.kind} ${run.emulator} on ${info.backend}, ${field}, frame ${Math.floor(run.frames / 2)} of ${run.frames - 1}`;
  } finally {
    await browser.close();
  }
}
