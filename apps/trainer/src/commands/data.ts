/**
 * `lola-train data`: `data inspect PATH [--json]` prints a Well file's or dataset's schema;
 * `data [generate] --system ... --out DIR` generates a dataset with the reference simulators.
 */
import { subcommands } from '@lola-ts/cli';

const data = subcommands(
  {
    inspect: { summary: "a Well file's or dataset's schema", load: async () => ({ run: (await import('./data/inspect.js')).runInspect }) },
    generate: {
      summary: 'a dataset from the reference simulators',
      load: async () => ({ run: (await import('./data/generate.js')).runGenerate }),
    },
  },
  'generate',
);

export const run = (argv: string[]): Promise<number> => data.run(argv);
