/** `lola-train status --config FILE [--launcher local|slurm]`: per stage and element, state, job id, exit code and log. */
import { parseArgs } from 'node:util';
import { formatStatus, loadPipelineConfig, pipelineStatus, planPipeline } from '../pipeline/index.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, launcher: { type: 'string', default: 'slurm' }, json: { type: 'boolean', default: false } },
  });
  if (!values.config) {
    console.error('usage: lola-train status --config FILE [--launcher local|slurm] [--json]');
    return 2;
  }
  const config = loadPipelineConfig(values.config, positionals);
  const rows = await pipelineStatus(config, planPipeline(config), values.launcher === 'slurm');
  console.log(values.json ? JSON.stringify(rows, null, 2) : formatStatus(rows));
  return rows.every((r) => r.state === 'COMPLETED') ? 0 : 3;
}
