// Public entry of this package (see README.md).
export { dispatch, programUsage, subcommands, type CommandEntry, type CommandModule, type CommandTable, type Program } from './registry.js';
export { errorMessage, runMain } from './main.js';
export {
  flags,
  HELP_OPTION,
  overrides,
  readArgs,
  requireFlags,
  stringFlags,
  usageError,
  type CommandLine,
  type FlagOptions,
  type Flags,
} from './args.js';
export { choice, integer, integerList, list, number, positiveInteger, type IntegerRange } from './numbers.js';
export { BACKEND_OPTIONS, describeRuntime, readBackend, type BackendFlags } from './backend.js';
export { onStopSignals, SIGNAL_EXIT_CODES, stopOnSignals, type StopMessages, type StopSignalName, type StopSignals } from './signals.js';
export { checkOutputDir, checkOutputFile, emitRecords } from './output.js';
