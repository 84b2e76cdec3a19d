/**
 * `lola-train pipeline --config FILE [--launcher local|slurm] [--dry-run] [--wait] [key=value ...]`:
 * runs the stage graph (data → ae → cache → dm/ns → eval, swept over datasets × compression
 * rates) locally in order, or as Slurm job arrays chained with afterok. Complete elements are
 * skipped, so re-running after a failure resubmits only what failed.
 */
import { parseArgs } from 'node:util';
import { formatStatus, loadPipelineConfig, pipelineStatus, planPipeline, runLocal, submitSlurm, waitForJobs } from '../pipeline/index.js';

const USAGE = 'usage: lola-train pipeline --config FILE [--launcher local|slurm] [--dry-run] [--wait] [dotted.key=value ...]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      launcher: { type: 'string', default: 'local' },
      'dry-run': { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config) {
    console.error(`lola-train pipeline: --config is required\n${USAGE}`);
    return 2;
  }
  if (values.launcher !== 'local' && values.launcher !== 'slurm') {
    console.error(`lola-train pipeline: --launcher must be 'local' or 'slurm', got '${values.launcher}'`);
    return 2;
  }
  const config = loadPipelineConfig(values.config, positionals);
  const plans = planPipeline(config);

  if (values.launcher === 'local') {
    if (values['dry-run']) {
      for (const p of plans) for (const e of p.elements) console.log(`${p.name}/${e.id}: ${e.program} ${e.argv.join(' ')}`);
      return 0;
    }
    const res = await runLocal(plans);
    if (!res.ok) {
      for (const f of res.failures) console.error(`lola-train pipeline: ${f.stage}/${f.id} (${f.jobId}) failed with exit code ${f.code}; log: ${f.logFile}`);
      return 1;
    }
    console.error(`[pipeline] done: ${res.ran.length} run, ${res.skipped.length} already complete`);
    return 0;
  }

  const subs = await submitSlurm(config, plans, { dryRun: values['dry-run'] });
  if (values['dry-run'] || !values.wait || subs.length === 0) return 0;
  await waitForJobs(subs.map((s) => s.jobId), { onPoll: (n) => process.stderr.write(`\r[pipeline] waiting: ${n} array element(s) pending or running   `) });
  process.stderr.write('\n');
  const rows = await pipelineStatus(config, plans, true);
  const failed = rows.filter((r) => r.state !== 'COMPLETED');
  console.log(formatStatus(rows));
  for (const f of failed) console.error(`lola-train pipeline: ${f.stage}/${f.id} (job ${f.jobId ?? '-'}) ${f.state}${f.exitCode ? ` exit ${f.exitCode}` : ''}; log: ${f.log}`);
  return failed.length ? 1 : 0;
}
