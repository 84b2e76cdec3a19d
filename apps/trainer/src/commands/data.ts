/**
 * `lola-train data`: `data inspect PATH [--json]` prints a Well file's or dataset's schema;
 * `data --system ... --out DIR` generates a dataset with the reference simulators.
 */
export async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'inspect') {
    const { runInspect } = await import('./data/inspect.js');
    return runInspect(argv.slice(1));
  }
  const { runGenerate } = await import('./data/generate.js');
  return runGenerate(argv);
}
