/**
 * Channel-name → channel-index maps (docs/well-format.md: channels are the flattened field
 * components, `momentum_x`, ...). Configs and run directories key per-channel settings by name
 * (`data.transform: {energy: log1p}`); the preprocessing works on channel indices.
 */

/**
 * The index of `name` in `channels`; an unknown name is an error naming `source` (the file), the
 * `field` that holds the name (e.g. `data.transform.energy`) and the available channels.
 */
export function channelIndex(channels: readonly string[], name: string, source: string, field: string): number {
  const c = channels.indexOf(name);
  if (c < 0) throw new Error(`${source}: ${field}: no channel '${name}' (channels: ${channels.join(', ')})`);
  return c;
}

/**
 * An index-keyed copy of a by-name map: `{energy: log1p}` with channels `[density, energy]` gives
 * `{1: log1p}`. `field` is the map's key path in `source` (e.g. `data.transform`), used in errors.
 */
export function byChannelIndex<T>(
  channels: readonly string[],
  byName: Readonly<Record<string, T>>,
  source: string,
  field: string,
): Record<number, T> {
  const out: Record<number, T> = {};
  for (const [name, v] of Object.entries(byName)) out[channelIndex(channels, name, source, `${field}.${name}`)] = v;
  return out;
}
