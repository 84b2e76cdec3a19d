#!/usr/bin/env node
/**
 * Builds the optional native CPU kernels (lola_native.node) at `npm ci` / `npm install` time.
 * Never fails the install: without a C++ compiler, Node's headers or OpenBLAS (Debian
 * `libopenblas-dev`) it prints why and exits 0, and the runtime uses the plain wasm kernels.
 *
 * Compiles with g++ directly (no node-gyp: node-gyp fetches Node's headers from the network
 * when it does not find them; here they come from the Node installation itself).
 * `LOLA_NATIVE_BUILD=0` skips the build. Output: native/build/lola_native.node (temp + rename).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'build', 'lola_native.node');

function log(message) {
  console.log(`@lola-ts/nn-blocks native kernels: ${message}`);
}

function nodeIncludeDir() {
  const candidates = [join(dirname(dirname(process.execPath)), 'include', 'node'), '/usr/include/node', '/usr/local/include/node'];
  return candidates.find((d) => existsSync(join(d, 'node_api.h'))) ?? null;
}

function blasFlags() {
  try {
    const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'openblas'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return flags.trim().split(/\s+/).filter(Boolean);
  } catch {
    return existsSync('/usr/include/x86_64-linux-gnu/cblas.h') || existsSync('/usr/include/cblas.h') ? ['-lopenblas'] : null;
  }
}

function build() {
  if (process.env.LOLA_NATIVE_BUILD === '0') return 'skipped (LOLA_NATIVE_BUILD=0)';
  if (process.platform !== 'linux') return `skipped: only built on Linux (this is ${process.platform})`;
  const cxx = process.env.CXX || 'g++';
  try {
    execFileSync(cxx, ['--version'], { stdio: 'ignore' });
  } catch {
    return `skipped: no C++ compiler ('${cxx}' not found)`;
  }
  const include = nodeIncludeDir();
  if (!include) return "skipped: Node's headers (node_api.h) were not found next to the node binary or in /usr/include/node";
  const blas = blasFlags();
  if (!blas) return 'skipped: OpenBLAS not found (Debian: apt-get install libopenblas-dev)';
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const base = ['-O3', '-std=c++17', '-shared', '-fPIC', '-fopenmp', '-DNODE_GYP_MODULE_NAME=lola_native', `-I${include}`, join(here, 'lola_native.cc'), join(here, 'dnnl_conv.cc'), join(here, 'elementwise.cc'), join(here, 'unary.cc'), join(here, 'transpose.cc'), '-o', tmp];
  // With oneDNN (Debian libdnnl-dev) for the convolutions when present, else im2col + sgemm only.
  const attempts = [
    { what: 'OpenBLAS + oneDNN', args: [...base, '-DLOLA_DNNL', ...blas, '-ldnnl'], when: existsSync('/usr/include/oneapi/dnnl/dnnl.hpp') || existsSync('/usr/local/include/oneapi/dnnl/dnnl.hpp') },
    { what: 'OpenBLAS (no oneDNN: apt-get install libdnnl-dev for faster convolutions)', args: [...base, ...blas], when: true },
    // Without the AVX-512 / AVX2 clones of the element-wise loops (a libc or assembler without ifunc).
    { what: 'OpenBLAS, baseline x86-64 loops only (the build with target_clones failed)', args: [...base, '-DLOLA_NO_CLONES', ...blas], when: true },
  ];
  const failures = [];
  for (const attempt of attempts.filter((a) => a.when)) {
    try {
      execFileSync(cxx, attempt.args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      renameSync(tmp, out);
      return `built ${out} with ${attempt.what}${failures.length ? ` (an earlier attempt failed:\n${failures[0]})` : ''}`;
    } catch (e) {
      rmSync(tmp, { force: true });
      failures.push(String(e.stderr ?? e.message).trim().split('\n').slice(-6).join('\n'));
    }
  }
  return `not built, ${cxx} failed:\n${failures.join('\n')}`;
}

try {
  log(build());
} catch (e) {
  log(`not built: ${e instanceof Error ? e.message : String(e)}`);
}
