/**
 * Runs only where a Slurm cluster answers (CI starts a one-node cluster with
 * tools/slurm/start-local.sh and exports SLURM_CONF): real sbatch arrays, afterok chains,
 * a failed element resubmitted alone, and `lola-train status`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lolaTrain } from '../testing/lola-train.js';

const slurmUp = spawnSync('sinfo', ['-h', '-o', '%t'], { encoding: 'utf8' }).stdout?.includes('idle') ?? false;

describe.skipIf(!slurmUp)('lola-train pipeline --launcher slurm (real Slurm)', () => {
  it('submits arrays with afterok, waits, reports a failure with job id and log, and resubmits only it', () => {
    // Job scripts run on the (local) node: use a directory every job can see.
    const dir = mkdtempSync(path.join(process.cwd(), '.slurm-test-'));
    const step = path.join(dir, 'step.mjs');
    writeFileSync(
      step,
      `import fs from 'node:fs';
const [out, tag, fail] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
fs.appendFileSync(out + '/runs.txt', tag + '\\n');
if (tag === fail && !fs.existsSync(out + '/allow')) process.exit(3);
`,
    );
    const cfg = path.join(dir, 'p.yaml');
    writeFileSync(
      cfg,
      `name: slurmtoy
workdir: ${dir}/work
sweep: { rate: [c64, c16, c4] }
stages:
  ae: { over: [rate], run: [node, ${step}, "{workdir}/out", "ae-{rate}", ae-c16], resources: { cpus: 1, throttle: 2 } }
  dm: { after: [ae], over: [rate], run: [node, ${step}, "{workdir}/out", "dm-{rate}"], resources: { cpus: 1 } }
`,
    );
    const first = lolaTrain(['pipeline', '--config', cfg, '--launcher', 'slurm', '--wait'], { timeoutMs: 240_000 });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/ae\/c16 \(job \d+_1\) FAILED exit 3:0; log: .*logs\/ae\/slurm-\d+_1\.out/);
    expect(first.stderr).toMatch(/dm\/c64 \(job \d+_0\)/); // afterok: dm never ran
    const out = path.join(dir, 'work/out');
    expect(readFileSync(path.join(out, 'runs.txt'), 'utf8').trim().split('\n').sort()).toEqual(['ae-c16', 'ae-c4', 'ae-c64']);

    writeFileSync(path.join(out, 'allow'), '');
    const second = lolaTrain(['pipeline', '--config', cfg, '--launcher', 'slurm', '--wait'], { timeoutMs: 240_000 });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/ae: submitted job \d+ \(array 1\)/); // only the failed element
    const runs = readFileSync(path.join(out, 'runs.txt'), 'utf8').trim().split('\n');
    expect(runs.slice(3).sort()).toEqual(['ae-c16', 'dm-c16', 'dm-c4', 'dm-c64']);

    const status = lolaTrain(['status', '--config', cfg]);
    expect(status.code).toBe(0);
    expect(status.stdout.match(/COMPLETED/g)).toHaveLength(6);
    expect(existsSync(path.join(dir, 'work/.pipeline/submissions.jsonl'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
