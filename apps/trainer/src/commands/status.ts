/** `lola-train status --config FILE [--launcher local|slurm]`: per stage and element, state, job id, exit code and log. */
import { flags } from '@lola-ts/cli';
import { formatStatus, loadPipelineConfig, pipelineStatus, planPipeline } from '../pipeline/index.js';

const USAGE = `usage: lola-train status --config FILE [--launcher local|slurm] [--json] [KEY=VALUE ...]

Prints, per pipeline stage and element, its state, job id, exit code and log file.
  --config FILE       the pipeline config (as given to 'lola-train pipeline')
  --launcher NAME     'slurm' (default: asks sacct for job states) or 'local'
  --json              one JSON array instead of a table
Exit code 0 when every element is COMPLETED, 3 otherwise.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = flags(
    argv,
    { config: { type: 'string' }, launcher: { type: 'string', default: 'slurm' }, json: { type: 'boolean', default: false } },
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config) {
    console.error(USAGE);
    return 2;
  }
  const config = loadPipelineConfig(values.config, positionals);
  const rows = await pipelineStatus(config, planPipeline(config), values.launcher === 'slurm');
  console.log(values.json ? JSON.stringify(rows, null, 2) : formatStatus(rows));
  return rows.every((r) => r.state === 'COMPLETED') ? 0 : 3;
}
