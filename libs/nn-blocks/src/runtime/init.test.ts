import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initRuntime, type BackendChoice } from './init.js';
import { loadNative } from './native/addon.js';

describe('initRuntime', () => {
  it('rejects unknown backends and bad thread counts with clear errors', async () => {
    await expect(initRuntime({ backend: 'gpu' as BackendChoice })).rejects.toThrow(
      /backend 'gpu' is not one of auto, tensorflow, native, wasm, webgpu, cpu/,
    );
    await expect(initRuntime({ backend: 'wasm', threads: 0 })).rejects.toThrow(/threads must be an integer from 1 to 64, got 0/);
    await expect(initRuntime({ backend: 'wasm', threads: 1.5 })).rejects.toThrow(/threads must be an integer/);
  });

  it("'tensorflow' without tfjs-node fails with the reason and the way out", async () => {
    await expect(initRuntime({ backend: 'tensorflow' })).rejects.toThrow(
      /backend 'tensorflow' is unavailable \(@tensorflow\/tfjs-node-gpu is not installed; @tensorflow\/tfjs-node is not installed\).*--backend wasm/,
    );
  });

  it("'webgpu' without Dawn fails naming the optional packages", async () => {
    await expect(initRuntime({ backend: 'webgpu' })).rejects.toThrow(
      /needs the optional packages 'webgpu'.*@tensorflow\/tfjs-backend-webgpu/,
    );
  });

  it("selects 'cpu' on request", async () => {
    const info = await initRuntime({ backend: 'cpu' });
    expect(info).toMatchObject({ requested: 'cpu', backend: 'cpu', threads: 1, kernels: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'auto' falls back to wasm with the runtime's kernels (and the native ones when built) and says why", async () => {
    const info = await initRuntime({ backend: 'auto', threads: 1 });
    expect(info).toMatchObject({ requested: 'auto', backend: 'wasm', threads: 1, simd: true });
    const load = loadNative();
    const nativeNote = load.ok ? [] : [`${load.reason}; using the wasm kernels`];
    expect(info.notes).toEqual(['@tensorflow/tfjs-node-gpu is not installed', '@tensorflow/tfjs-node is not installed', ...nativeNote]);
    for (const k of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul', 'UnsortedSegmentSum']) expect(info.kernels).toContain(k);
    if (load.ok) {
      expect(info.native).toMatch(/OpenBLAS .*, 1 thread/);
      expect(info.kernels).toContain('native:BatchMatMul');
    } else {
      expect(info.native).toBeNull();
      await expect(initRuntime({ backend: 'native', threads: 1 })).rejects.toThrow(
        /backend 'native' is unavailable: native kernels .*--backend wasm/,
      );
    }
    expect(tf.getBackend()).toBe('wasm');
    const again = await initRuntime({ backend: 'auto', threads: 1 });
    expect(again).toEqual(info);
  });

  it('keeps the first thread count of the process and notes it', async () => {
    const info = await initRuntime({ backend: 'wasm', threads: 2 });
    expect(info.threads).toBe(1);
    expect(info.notes.join()).toMatch(/already initialised with 1 thread/);
  });
});
