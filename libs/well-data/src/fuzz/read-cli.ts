// `node --import tsx read-cli.ts FILE...`: reads each file with `readWholeWellFile` and prints one
// JSON line per file. Tests run it in a child process so that a regression that hangs inside
// HDF5's wasm code fails a timeout instead of blocking the test runner.
import { readWholeWellFile } from './read-all.js';

for (const file of process.argv.slice(2)) {
  const outcome = await readWholeWellFile(file);
  process.stdout.write(JSON.stringify({ file, ...outcome }) + '\n');
}
