/** `lola-train pipeline-element SPEC.json`: runs one pipeline element (used by the launchers' jobs). */
import { readSpec, runElement } from '../pipeline/index.js';

export async function run(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file) {
    console.error('usage: lola-train pipeline-element SPEC.json');
    return 2;
  }
  const jobId = process.env.SLURM_ARRAY_JOB_ID
    ? `${process.env.SLURM_ARRAY_JOB_ID}_${process.env.SLURM_ARRAY_TASK_ID}`
    : process.env.SLURM_JOB_ID;
  return runElement(readSpec(file), jobId);
}
