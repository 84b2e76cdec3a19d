/**
 * Opens `paths` in order with `open` and passes each opened item, with the first one, to `check`
 * (which throws when they disagree). On any error, every item opened so far is closed and the error
 * is rethrown, so a failed multi-file open leaks no HDF5 handle.
 */
export async function openAll<T extends { close(): void }>(
  paths: readonly string[],
  open: (path: string) => Promise<T>,
  check: (item: T, first: T, path: string) => void,
): Promise<T[]> {
  const items: T[] = [];
  try {
    for (const p of paths) {
      const item = await open(p);
      items.push(item);
      check(item, items[0]!, p);
    }
  } catch (err) {
    for (const item of items) item.close();
    throw err;
  }
  return items;
}
