export { s, type Schema, type Infer, type Issue, type NumberOptions } from './schema.js';
export { suggest, editDistance } from './suggest.js';
export { parseOverrides, applyOverrides, type Override } from './overrides.js';
export {
  ConfigError,
  validateConfig,
  parseYaml,
  loadConfig,
  resolveConfig,
  deepMerge,
  dumpConfig,
  writeConfig,
  type LoadConfigOptions,
} from './load.js';
export { collectProvenance, packageVersion, gitCommit, gitDirty, type Provenance } from './provenance.js';
