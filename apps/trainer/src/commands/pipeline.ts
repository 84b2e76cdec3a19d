/**
 * `lola-train pipeline --config FILE [--launcher local|slurm] [--dry-run] [--wait] [key=value ...]`:
 * runs the stage graph (data → ae → cache → dm/ns → eval, swept over datasets × compression
 * rates) locally in order, or as Slurm job arrays chained with afterok. Complete elements are
 * skipped, so re-running after a failure resubmits only what failed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { flags, integer } from '@lola-ts/cli';
import { formatStatus, loadPipelineConfig, pipelineStatus, planPipeline, runLocal, submitSlurm, waitForJobs } from '../pipeline/index.js';

const USAGE = `usage: lola-train pipeline --config FILE | --profile NAME [--launcher local|slurm] [--dry-run] [--wait] [dotted.key=value ...]

  --config FILE     pipeline config (YAML), e.g. configs/demo.yaml
  --profile NAME    shorthand for --config configs/NAME.yaml (wins over --config), e.g.
                    \`npm run demo -- --profile full\` runs configs/full.yaml (the long profile)
  --launcher L      local (default: stage by stage on this machine) or slurm (job arrays)
  --jobs N          local: elements run at once, each as soon as its inputs are done
                    (default: the config's local.jobs, else 1)
  --dry-run         print what would run
  --wait            slurm: block until the jobs end and print their status
  key=value         dotted overrides of the pipeline config`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = flags(
    argv,
    {
      config: { type: 'string' },
      profile: { type: 'string' },
      jobs: { type: 'string' },
      launcher: { type: 'string', default: 'local' },
      'dry-run': { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.profile !== undefined) {
    if (!/^[A-Za-z0-9_-]+$/.test(values.profile)) {
      console.error(`lola-train pipeline: --profile must be a name like 'full' (configs/<name>.yaml), got '${values.profile}'`);
      return 2;
    }
    values.config = `configs/${values.profile}.yaml`;
    if (!existsSync(values.config)) {
      console.error(
        `lola-train pipeline: --profile ${values.profile}: ${values.config} does not exist (profiles: ${profiles().join(', ') || 'none'})`,
      );
      return 2;
    }
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
    const started = Date.now();
    let jobs = config.local.jobs;
    try {
      jobs = integer('--jobs', values.jobs, { min: 1, max: 64 }) ?? jobs;
    } catch (err) {
      console.error(`lola-train pipeline: ${(err as Error).message}`);
      return 2;
    }
    if (jobs > 1) console.error(`[pipeline] local launcher: up to ${jobs} elements at once`);
    const res = await runLocal(plans, { jobs });
    if (!res.ok) {
      for (const f of res.failures)
        console.error(`lola-train pipeline: ${f.stage}/${f.id} (${f.jobId}) failed with exit code ${f.code}; log: ${f.logFile}`);
      return 1;
    }
    const minutes = ((Date.now() - started) / 60000).toFixed(1);
    console.error(`[pipeline] done in ${minutes} min: ${res.ran.length} run, ${res.skipped.length} already complete`);
    return 0;
  }

  const subs = await submitSlurm(config, plans, { dryRun: values['dry-run'] });
  if (values['dry-run'] || !values.wait || subs.length === 0) return 0;
  await waitForJobs(
    subs.map((s) => s.jobId),
    { onPoll: (n) => process.stderr.write(`\r[pipeline] waiting: ${n} array element(s) pending or running   `) },
  );
  process.stderr.write('\n');
  const rows = await pipelineStatus(config, plans, true);
  const failed = rows.filter((r) => r.state !== 'COMPLETED');
  console.log(formatStatus(rows));
  for (const f of failed)
    console.error(
      `lola-train pipeline: ${f.stage}/${f.id} (job ${f.jobId ?? '-'}) ${f.state}${f.exitCode ? ` exit ${f.exitCode}` : ''}; log: ${f.log}`,
    );
  return failed.length ? 1 : 0;
}

/** Pipeline configs under configs/ (those with a `stages:` key), for the --profile error message. */
function profiles(): string[] {
  if (!existsSync('configs')) return [];
  return readdirSync('configs')
    .filter((f) => f.endsWith('.yaml') && !/^(ae|dm|ns)-/.test(f))
    .map((f) => f.replace(/\.yaml$/, ''));
}
