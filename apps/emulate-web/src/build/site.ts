/**
 * `lola-site build`: bundles the page (esbuild, the libraries' `browser` entries) and writes
 *
 *   <out>/emulate.html
 *   <out>/emulate-assets/emulate.js        the page and the libraries (one classic script)
 *   <out>/emulate-assets/emulate-data.js   runs, test trajectories, wasm binaries (base64)
 *
 * A bundled file that imports a Node built-in or h5wasm fails the build, naming the importer:
 * the libraries' browser entries must stay free of them.
 */
import * as esbuild from 'esbuild';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitCommit } from '@lola-ts/nn-blocks';
import { ensureDir, ensureParentDir } from '@lola-ts/well-data';
import { SITE_DATA_GLOBAL, type SiteData } from '../manifest.js';
import { exportSiteData, type ExportOptions } from './export-data.js';
import { pageHtml } from './html.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Assets directory next to the HTML page. */
export const ASSETS_DIR = 'emulate-assets';
export const PAGE_FILE = 'emulate.html';

export interface SiteOptions extends ExportOptions {
  /** Output directory (default demo-output/site). */
  out: string;
  /** Minify the bundle (default true). */
  minify?: boolean;
}

export interface SiteResult {
  page: string;
  bundleBytes: number;
  dataBytes: number;
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  ensureParentDir(path, 'site directory');
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** esbuild plugin: no Node built-in or h5wasm may reach the browser bundle. */
const browserOnly: esbuild.Plugin = {
  name: 'lola-browser-only',
  setup(build) {
    build.onResolve({ filter: /^(node:|h5wasm)/ }, (args) => ({
      errors: [
        {
          text: `'${args.path}' is imported by ${relative(process.cwd(), args.importer)}: the browser bundle must not contain Node built-ins or h5wasm (move the import out of the package's browser entry)`,
        },
      ],
    }));
  },
};

/** Bundles src/page/main.ts for the browser; returns the JS text (a classic script: module scripts do not load from file://). */
export async function bundlePage(minify = true): Promise<string> {
  const result = await esbuild
    .build({
      entryPoints: [join(here, '..', 'page', 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@lola-ts/source', 'browser'],
      minify,
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [browserOnly],
    })
    .catch((e: unknown) => {
      const errors = (e as { errors?: esbuild.Message[] }).errors;
      if (!errors?.length) throw e;
      throw new Error(
        `site: bundling the page failed:\n${errors
          .slice(0, 10)
          .map((m) => `  ${m.text}${m.location ? ` (${m.location.file}:${m.location.line})` : ''}`)
          .join('\n')}`,
      );
    });
  return result.outputFiles[0]!.text;
}

/** The tfjs-backend-wasm binaries (tfjs checks that every one has a URL, even those it will not load). */
function wasmBinaries(): Record<string, string> {
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const out: Record<string, string> = {};
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'])
    out[name] = readFileSync(join(dist, 'dist', name)).toString('base64');
  return out;
}

/** Builds the page and its data into `opts.out`. */
export async function buildSite(opts: SiteOptions): Promise<SiteResult> {
  const out = resolve(opts.out);
  ensureDir(join(out, ASSETS_DIR), 'site directory'); // before the bundling: an unwritable --out fails at once
  const exported = await exportSiteData(opts);
  const data: SiteData = { ...exported, built: { ...exported.built, commit: gitCommit() }, wasm: wasmBinaries() };
  const bundle = await bundlePage(opts.minify ?? true);
  const dataJs = `globalThis.${SITE_DATA_GLOBAL} = ${JSON.stringify(data)};\n`;
  writeAtomic(join(out, ASSETS_DIR, 'emulate.js'), bundle);
  writeAtomic(join(out, ASSETS_DIR, 'emulate-data.js'), dataJs);
  const page = join(out, PAGE_FILE);
  writeAtomic(page, pageHtml({ title: `lola-ts: ${data.dataset} emulated in the browser`, assets: ASSETS_DIR }));
  return { page, bundleBytes: Buffer.byteLength(bundle), dataBytes: Buffer.byteLength(dataJs) };
}
