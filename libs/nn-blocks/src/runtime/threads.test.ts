import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initRuntime } from './init.js';
import { closeness, onBackend } from './oracle.js';
import { checkGlue, wasmWorkerCount } from './threads.js';
import { lcgValues } from './wasm/test-data.js';

const bundle = readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'), 'utf8');

describe('wasm worker threads in Node', () => {
  it('recognises the installed tfjs-backend-wasm glue and rejects a changed one with the reason', () => {
    const ok = checkGlue();
    expect(ok.ok, ok.reason).toBe(true);
    expect(ok.aliases['require$$4']).toBe('os');
    const changed = checkGlue(bundle.replace('worker = new Worker(pthreadMainJs);', 'worker = makeWorker(pthreadMainJs);'), 'bundle.js');
    expect(changed.ok).toBe(false);
    expect(changed.reason).toContain('bundle.js lacks "worker = new Worker(pthreadMainJs);"');
  });

  describe('initialised with 2 threads', () => {
    beforeAll(async () => {
      const info = await initRuntime({ backend: 'wasm', threads: 2 });
      expect(info).toMatchObject({ backend: 'wasm', threads: 2, simd: true, notes: [] });
    });

    it('runs an XNNPACK pool of 2 threads on worker_threads', () => {
      expect(wasm.getThreadsCount()).toBe(2);
      expect(wasmWorkerCount()).toBeGreaterThan(0);
    });

    it('computes batched matmul and conv gradients like the cpu backend', async () => {
      const a = lcgValues(4 * 33 * 40, 1);
      const b = lcgValues(4 * 40 * 35, 2);
      const x = lcgValues(2 * 17 * 15 * 8, 3);
      const f = lcgValues(3 * 3 * 8 * 6, 4);
      const fn = () => {
        const mm = tf.matMul(tf.tensor3d(a, [4, 33, 40]), tf.tensor3d(b, [4, 40, 35]));
        const g = tf.grads((xx: tf.Tensor, ff: tf.Tensor) => tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, 2, 'same'))));
        return [mm, ...g([tf.tensor4d(x, [2, 17, 15, 8]), tf.tensor4d(f, [3, 3, 8, 6])])];
      };
      const cpu = await onBackend('cpu', fn);
      const got = await onBackend('wasm', fn);
      expect(closeness(got, cpu, 1e-4, 1e-4)).toBeLessThanOrEqual(1);
    });
  });

  it('lets a program exit on its own with threads running', () => {
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const code = `const m = await import(${JSON.stringify(index)}); const info = await m.initRuntime({ backend: 'wasm', threads: 2 });
const tf = await import('@tensorflow/tfjs'); const t = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]));
console.log(JSON.stringify({ threads: info.threads, v: t.dataSync()[0] }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr.slice(0, 2000)).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ threads: 2, v: 64 });
  });
});
