/**
 * The commands of `lola-train`, loaded lazily so that a command's heavy dependencies (tfjs, h5wasm)
 * load only when it runs (libs/cli). Add one line per command.
 */
import type { CommandTable, Program } from '@lola-ts/cli';

/** The stages of the method: data, autoencoder, latent cache, diffusion model, neural solver. */
const stages: CommandTable = {
  data: { summary: 'generate a Well dataset with the reference simulators, or inspect one', load: () => import('./data.js') },
  ae: { summary: 'train the autoencoder (DCAE)', load: () => import('./ae.js') },
  cache: { summary: 'encode a dataset into latent trajectories with a trained autoencoder', load: () => import('./cache.js') },
  dm: { summary: 'train the latent diffusion model', load: () => import('./dm.js') },
  ns: { summary: 'train the neural solver (latent or pixel space)', load: () => import('./ns.js') },
};

/** The stage graph run as a whole. */
const pipeline: CommandTable = {
  pipeline: { summary: 'run a pipeline config (locally or as Slurm job arrays)', load: () => import('./pipeline.js') },
  'pipeline-element': { summary: 'run one pipeline element (used by the launchers)', load: () => import('./pipeline-element.js') },
  status: { summary: "the state of a pipeline's elements", load: () => import('./status.js') },
};

/** `lola-train`. */
export const program: Program = { name: 'lola-train', commands: { ...stages, ...pipeline } };
