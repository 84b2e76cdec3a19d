/**
 * Worker-thread entry of the dataset generator: builds the system once from `workerData`, then
 * computes the trajectories it is sent (see `pool.ts` for the protocol) and transfers the frames.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSystem } from '../registry.js';
import type { SystemOptions } from '../system.js';
import { computeTrajectory, type TrajectoryJob } from './trajectory.js';

interface WorkerData {
  systemId: string;
  options: SystemOptions;
  seed: number;
}

const data = workerData as WorkerData;
const system = createSystem(data.systemId, data.options);
const port = parentPort!;

port.on('message', (msg: { id: number; job: TrajectoryJob }) => {
  try {
    const result = computeTrajectory(system, data.seed, msg.job, (k, total) => port.postMessage({ id: msg.id, type: 'frame', k, total }));
    const fields = result.trajectory.fields;
    port.postMessage(
      { id: msg.id, type: 'done', fields, steps: result.trajectory.steps, attempts: result.attempts },
      fields.map((f) => f.buffer as ArrayBuffer),
    );
  } catch (err) {
    port.postMessage({ id: msg.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
