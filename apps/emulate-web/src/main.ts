/**
 * lola-site (`npm run site -- [build] [options]`, `npm run site -- bench [options]`): builds the
 * static emulation page from trained runs, or runs it in headless Chromium and writes benchmark
 * records.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchSite, DEFAULT_CHROMIUM } from './bench/bench.js';
import { screenshotSite } from './bench/screenshot.js';
import { buildSite, PAGE_FILE } from './build/site.js';

const USAGE = `Usage:
  npm run site -- [build] [--ae DIR] [--dm DIR] [--ns DIR] [--data DIR] [--out DIR]
                  [--trajectories N] [--frames N] [--stride N (default: the runs' data.stride)] [--checkpoint last|best]
    Defaults: --ae demo-output/runs/ae-c64 --dm demo-output/runs/dm-c64 --ns demo-output/runs/ns-c64
              --data demo-output/data/euler_multi_quadrants_periodicBC --out demo-output/site
              (--dm none / --ns none leaves that emulator out)
  npm run site -- bench [--site DIR] [--backends wasm,cpu,webgpu] [--frames N] [--members N] [--steps N]
                  [--out FILE] [--chromium PATH]
    Opens <site>/${PAGE_FILE} in headless Chromium per backend, emulates a test trajectory with every
    emulator and appends one record per (backend, emulator) to --out (default <site>/emulate-bench.jsonl).
  npm run site -- screenshot [--site DIR] [--out docs/emulate.png] [--field NAME] [--emulator RUN|dm|ns] [--chromium PATH]
    The page after an emulation (first emulator, middle frame) as a PNG.`;

function parse(argv: string[]): { command: string; flags: Map<string, string> } {
  const args = [...argv];
  const command = args[0] && !args[0].startsWith('--') ? args.shift()! : 'build';
  const flags = new Map<string, string>();
  while (args.length) {
    const a = args.shift()!;
    if (a === '--help' || a === '-h') return { command: 'help', flags };
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'\n${USAGE}`);
    const v = args.shift();
    if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
    flags.set(a.slice(2), v);
  }
  return { command, flags };
}

function int(flags: Map<string, string>, key: string): number | undefined {
  const v = flags.get(key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} ${v}: expected a positive integer`);
  return n;
}

function check(flags: Map<string, string>, allowed: string[]): void {
  for (const k of flags.keys())
    if (!allowed.includes(k)) throw new Error(`unknown option --${k} (options: ${allowed.map((a) => `--${a}`).join(', ')})\n${USAGE}`);
}

async function main(): Promise<void> {
  const { command, flags } = parse(process.argv.slice(2));
  if (command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === 'build') {
    check(flags, ['ae', 'dm', 'ns', 'data', 'out', 'trajectories', 'frames', 'stride', 'checkpoint']);
    const runs = 'demo-output/runs';
    const emulators = [flags.get('dm') ?? `${runs}/dm-c64`, flags.get('ns') ?? `${runs}/ns-c64`].filter((d) => d !== 'none');
    const ae = flags.get('ae') ?? `${runs}/ae-c64`;
    for (const d of [ae, ...emulators]) {
      if (!existsSync(d)) throw new Error(`${d}: no such run directory (run \`npm run demo\` first, or pass --ae/--dm/--ns)`);
    }
    const checkpoint = flags.get('checkpoint') ?? 'last';
    if (checkpoint !== 'last' && checkpoint !== 'best') throw new Error(`--checkpoint ${checkpoint}: expected last or best`);
    const out = flags.get('out') ?? 'demo-output/site';
    const r = await buildSite({
      ae,
      emulators,
      data: flags.get('data') ?? 'demo-output/data/euler_multi_quadrants_periodicBC',
      out,
      trajectories: int(flags, 'trajectories'),
      frames: int(flags, 'frames'),
      stride: int(flags, 'stride'),
      checkpoint,
    });
    console.log(`wrote ${r.page} (bundle ${(r.bundleBytes / 1e6).toFixed(2)} MB, data ${(r.dataBytes / 1e6).toFixed(2)} MB)`);
    return;
  }
  if (command === 'bench') {
    check(flags, ['site', 'backends', 'frames', 'members', 'steps', 'out', 'chromium']);
    const site = flags.get('site') ?? 'demo-output/site';
    const out = flags.get('out') ?? join(site, 'emulate-bench.jsonl');
    const backends = (flags.get('backends') ?? 'webgpu,wasm,cpu')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    const res = await benchSite({
      page: join(site, PAGE_FILE),
      backends,
      frames: int(flags, 'frames'),
      members: int(flags, 'members'),
      steps: int(flags, 'steps'),
      out,
      chromium: flags.get('chromium') ?? DEFAULT_CHROMIUM,
    });
    for (const line of res.lines) console.log(line);
    console.log(`appended ${res.records.length} record(s) to ${out}`);
    return;
  }
  if (command === 'screenshot') {
    check(flags, ['site', 'out', 'field', 'emulator', 'chromium']);
    const site = flags.get('site') ?? 'demo-output/site';
    console.log(
      await screenshotSite({
        page: join(site, PAGE_FILE),
        out: flags.get('out') ?? 'docs/emulate.png',
        field: flags.get('field'),
        emulator: flags.get('emulator'),
        chromium: flags.get('chromium') ?? DEFAULT_CHROMIUM,
      }),
    );
    return;
  }
  throw new Error(`unknown command '${command}'\n${USAGE}`);
}

main().catch((e: unknown) => {
  console.error(`lola-site: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
