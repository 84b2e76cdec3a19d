export * from './browser.js';
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
