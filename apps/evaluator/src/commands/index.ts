/**
 * The commands of `lola-eval`, loaded lazily so that a command's heavy dependencies (tfjs, h5wasm)
 * load only when it runs (libs/cli). Add one line per command.
 */
import type { Program } from '@lola-ts/cli';

/** `lola-eval`. */
export const program: Program = {
  name: 'lola-eval',
  commands: {
    rollout: { summary: 'roll out a trained model (or reconstruct with an AE) on test trajectories', load: () => import('./rollout.js') },
    score: { summary: 'score rollouts against the truth, beside the baselines', load: () => import('./score.js') },
    report: { summary: 'a self-contained HTML report of scored records', load: () => import('./report.js') },
  },
};

/** The commands by name. */
export const commands = program.commands;
