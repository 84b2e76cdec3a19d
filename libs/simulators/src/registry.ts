/**
 * The systems the data generator can run, by id. Each entry builds a configured
 * {@link SimulatorSystem} from the CLI options; add one line per system.
 */
import { eulerFromOptions } from './euler/system.js';
import { grayScottFromOptions } from './gray-scott/system.js';
import { rayleighBenardFromOptions } from './rayleigh-benard/system.js';
import type { SimulatorSystem, SystemFactory, SystemId, SystemOptions } from './system.js';

const FACTORIES: Partial<Record<SystemId, SystemFactory>> = {
  euler: eulerFromOptions,
  'gray-scott': grayScottFromOptions,
  'rayleigh-benard': rayleighBenardFromOptions,
};

/** Ids of the systems available in this build. */
export function availableSystems(): SystemId[] {
  return Object.keys(FACTORIES) as SystemId[];
}

/** Builds system `id` from `options`; throws naming the available ids for an unknown one. */
export function createSystem(id: string, options: SystemOptions = {}): SimulatorSystem {
  const factory = FACTORIES[id as SystemId];
  if (!factory) throw new RangeError(`unknown system '${id}'; available: ${availableSystems().join(', ')}`);
  return factory(options);
}
