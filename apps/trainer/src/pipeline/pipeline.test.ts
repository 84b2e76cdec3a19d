import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lolaTrain } from '../testing/lola-train.js';
import { parsePipelineConfig } from './config.js';
import { planPipeline } from './graph.js';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'lola-pipeline-'));
}

/** A graph shaped like the real one (data -> ae -> cache -> dm/ns -> eval over three rates) whose steps are tiny node scripts. */
function writeToyPipeline(dir: string, failRate?: string): string {
  const step = path.join(dir, 'step.mjs');
  writeFileSync(
    step,
    `import fs from 'node:fs';
const [out, tag, fail] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
fs.appendFileSync(out + '/runs.txt', tag + '\\n');
if (fail === tag && !fs.existsSync(out + '/allow')) { console.error('boom ' + tag); process.exit(3); }
fs.writeFileSync(out + '/' + tag + '.json', JSON.stringify({ tag }));
`,
  );
  const cfg = path.join(dir, 'pipeline.yaml');
  writeFileSync(
    cfg,
    `name: toy
workdir: ${dir}/work
sweep: { rate: [c64, c16, c4] }
stages:
  data: { run: [node, ${step}, "{workdir}/out", data, "${failRate ?? ''}"] }
  ae: { after: [data], over: [rate], run: [node, ${step}, "{workdir}/out", "ae-{rate}", "${failRate ? 'ae-' + failRate : ''}"] }
  cache: { after: [ae], over: [rate], run: [node, ${step}, "{workdir}/out", "cache-{rate}"] }
  dm: { after: [cache], over: [rate], run: [node, ${step}, "{workdir}/out", "dm-{rate}"] }
  ns: { after: [cache], over: [rate], run: [node, ${step}, "{workdir}/out", "ns-{rate}"] }
  eval: { after: [dm, ns], over: [rate], run: [node, ${step}, "{workdir}/out", "eval-{rate}"] }
`,
  );
  return cfg;
}

describe('pipeline config and graph', () => {
  it('expands sweeps into array elements in dependency order', () => {
    const cfg = parsePipelineConfig(
      {
        name: 'x',
        workdir: '/w',
        sweep: { rate: ['c64', 'c4'], ds: ['euler'] },
        stages: {
          ae: { after: ['data'], over: ['ds', 'rate'], run: ['lola-train', 'ae', 'run={workdir}/{ds}/{rate}'] },
          data: { over: ['ds'], run: ['lola-train', 'data', '{ds}'] },
        },
      },
      'p.yaml',
    );
    const plans = planPipeline(cfg);
    expect(plans.map((p) => p.name)).toEqual(['data', 'ae']);
    expect(plans[1]!.elements.map((e) => [e.index, e.id, e.argv.at(-1)])).toEqual([
      [0, 'euler-c64', 'run=/w/euler/c64'],
      [1, 'euler-c4', 'run=/w/euler/c4'],
    ]);
  });

  it('rejects bad configs with the file, key and expectation', () => {
    expect(() => parsePipelineConfig({ name: 'x', workdir: '/w', stages: { a: { run: ['rm', '-rf'] } } }, 'p.yaml')).toThrow(
      /p\.yaml: 'stages\.a\.run\[0\]' must be 'lola-train', 'lola-eval', 'lola-bench' or 'node'/,
    );
    expect(() => parsePipelineConfig({ name: 'x', workdir: '/w', stages: { a: { run: ['node'], after: ['b'] } } }, 'p.yaml')).toThrow(
      /stages\.a\.after/,
    );
    expect(() => parsePipelineConfig({ name: 'x', workdir: '/w', stages: { a: { run: ['node'], over: ['rate'] } } }, 'p.yaml')).toThrow(
      /sweep axes/,
    );
    expect(() =>
      parsePipelineConfig({ name: 'x', workdir: '/w', stages: { a: { run: ['node'], resources: { gpu: 1 } } } }, 'p.yaml'),
    ).toThrow(/unknown key 'stages\.a\.resources\.gpu'/);
    const cyclic = parsePipelineConfig(
      { name: 'x', workdir: '/w', stages: { a: { run: ['node'], after: ['b'] }, b: { run: ['node'], after: ['a'] } } },
      'p.yaml',
    );
    expect(() => planPipeline(cyclic)).toThrow(/cycle: a -> b -> a/);
    const badPlaceholder = parsePipelineConfig({ name: 'x', workdir: '/w', stages: { a: { run: ['node', '{rate}'] } } }, 'p.yaml');
    expect(() => planPipeline(badPlaceholder)).toThrow(/unknown placeholder \{rate\}/);
  });
});

describe('lola-train pipeline --launcher local', () => {
  it('runs the graph in order, skips complete elements, and redoes only what failed', () => {
    const dir = tmp();
    const cfg = writeToyPipeline(dir, 'c16');
    const first = lolaTrain(['pipeline', '--config', cfg]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/ae\/c16 \(local-ae-1\) failed with exit code 3; log: .*logs\/ae\/c16\.log/);
    const out = path.join(dir, 'work/out');
    // afterok: nothing downstream of the failed stage ran.
    expect(readFileSync(path.join(out, 'runs.txt'), 'utf8').trim().split('\n')).toEqual(['data', 'ae-c64', 'ae-c16', 'ae-c4']);
    expect(readFileSync(path.join(dir, 'work/.pipeline/logs/ae/c16.log'), 'utf8')).toMatch(/boom ae-c16/);

    writeFileSync(path.join(out, 'allow'), '');
    const second = lolaTrain(['pipeline', '--config', cfg]);
    expect(second.code).toBe(0);
    const runs = readFileSync(path.join(out, 'runs.txt'), 'utf8').trim().split('\n').slice(4);
    // Only the failed element and everything downstream ran the second time.
    expect(runs).toEqual([
      'ae-c16',
      'cache-c64',
      'cache-c16',
      'cache-c4',
      'dm-c64',
      'dm-c16',
      'dm-c4',
      'ns-c64',
      'ns-c16',
      'ns-c4',
      'eval-c64',
      'eval-c16',
      'eval-c4',
    ]);
    for (const r of ['c64', 'c16', 'c4']) expect(existsSync(path.join(out, `eval-${r}.json`))).toBe(true);

    const third = lolaTrain(['pipeline', '--config', cfg]);
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/0 run, 16 already complete/);
  });

  it('prints the sbatch scripts in a dry run with arrays and afterok chains', () => {
    const dir = tmp();
    const cfg = writeToyPipeline(dir);
    const res = lolaTrain([
      'pipeline',
      '--config',
      cfg,
      '--launcher',
      'slurm',
      '--dry-run',
      'slurm.partition=gpu',
      'stages.ae.resources={cpus: 8, gpus: 1, time: "1-00:00:00"}',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/#SBATCH --array=0,1,2\n/);
    expect(res.stdout).toMatch(
      /#SBATCH --job-name=toy-ae\n#SBATCH --array=0,1,2\n#SBATCH --output=.*\/logs\/ae\/slurm-%A_%a\.out\n#SBATCH --cpus-per-task=8\n#SBATCH --gres=gpu:1\n#SBATCH --time=1-00:00:00\n#SBATCH --partition=gpu\n#SBATCH --dependency=afterok:\$\{data_JOBID\}/,
    );
    expect(res.stdout).toMatch(/toy-eval[\s\S]*--dependency=afterok:\$\{dm_JOBID\}:\$\{ns_JOBID\}/);
    expect(res.stdout).toMatch(/'pipeline-element' '.*\/specs\/ae\/'"\$\{SLURM_ARRAY_TASK_ID\}\.json"/);
  });

  it('gives a clear error when sbatch is missing', () => {
    const dir = tmp();
    const cfg = writeToyPipeline(dir);
    const res = lolaTrain(['pipeline', '--config', cfg, '--launcher', 'slurm'], { env: { PATH: '/nonexistent' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/'sbatch' was not found on PATH/);
  });
});
