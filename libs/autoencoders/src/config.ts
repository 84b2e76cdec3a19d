/**
 * Architecture configuration of the DCAE-style autoencoder (docs/method.md §2.1–2.3).
 *
 * Field names follow LoLa's config keys in camelCase (`lat_channels` → `latChannels`, ...), so a
 * dotted override reads `ae.latChannels=16`.
 */

/** Latent saturation applied after the encoder's last conv (docs/method.md §2.4). */
export type Saturation = 'softclip2' | 'softclip' | 'tanh' | 'arcsinh' | 'rmsnorm' | 'none';

export const SATURATIONS: readonly Saturation[] = ['softclip2', 'softclip', 'tanh', 'arcsinh', 'rmsnorm', 'none'];

export interface DcaeConfig {
  /** Number of physical channels C_pix (fields after flattening tensor components). */
  pixChannels: number;
  /** Latent channels c_lat (the paper: 4, 16 or 64). */
  latChannels: number;
  /** Hidden channels C_i per level; level i > 0 sits after i down-samplings by 2. */
  hidChannels: number[];
  /** ResBlocks per level (same length as `hidChannels`). */
  hidBlocks: number[];
  /** Number of spatial dimensions: 2 (NHWC) or 3 (NDHWC). */
  spatial: 2 | 3;
  /** Attention heads per level index (levels absent from the map have no attention). */
  attentionHeads: Record<number, number>;
  /** Dropout rate inside the ResBlock FFN (training only; 0.05 in the paper). */
  dropout: number;
  /** Latent saturation (docs/method.md §2.4); `softclip2` in the paper. */
  saturation: Saturation;
}

/** Defaults of the optional keys (paper values, docs/method.md §2.3–2.4). */
export const DCAE_DEFAULTS: Pick<DcaeConfig, 'spatial' | 'attentionHeads' | 'dropout' | 'saturation'> = {
  spatial: 2,
  attentionHeads: {},
  dropout: 0.05,
  saturation: 'softclip2',
};

/** Spatial down-sampling factor f = 2^(levels − 1). */
export function downsamplingFactor(config: Pick<DcaeConfig, 'hidChannels'>): number {
  return 2 ** (config.hidChannels.length - 1);
}

const KEYS = new Set(['pixChannels', 'latChannels', 'hidChannels', 'hidBlocks', 'spatial', 'attentionHeads', 'dropout', 'saturation']);

function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/**
 * Checks and completes a DCAE config (unknown keys, wrong types, inconsistent lengths are errors
 * naming the key). `where` prefixes messages, e.g. `configs/ae.yaml: ae`.
 */
export function resolveDcaeConfig(raw: unknown, where = 'ae'): DcaeConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${where}: expected a mapping of autoencoder settings`);
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!KEYS.has(k)) throw new Error(`${where}.${k}: unknown key (expected one of ${[...KEYS].join(', ')})`);
  }
  const c = { ...DCAE_DEFAULTS, ...r } as Record<string, unknown>;
  for (const k of ['pixChannels', 'latChannels']) {
    if (!positiveInt(c[k])) throw new Error(`${where}.${k}: expected a positive integer, got ${JSON.stringify(c[k])}`);
  }
  for (const k of ['hidChannels', 'hidBlocks']) {
    const v = c[k];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => (k === 'hidBlocks' ? Number.isInteger(x) && x >= 0 : positiveInt(x)))) {
      throw new Error(
        `${where}.${k}: expected a non-empty list of ${k === 'hidBlocks' ? 'non-negative' : 'positive'} integers, got ${JSON.stringify(v)}`,
      );
    }
  }
  const hid = c.hidChannels as number[];
  const blocks = c.hidBlocks as number[];
  if (hid.length !== blocks.length)
    throw new Error(`${where}.hidBlocks: expected ${hid.length} entries (one per level of hidChannels), got ${blocks.length}`);
  if (c.spatial !== 2 && c.spatial !== 3) throw new Error(`${where}.spatial: expected 2 or 3, got ${JSON.stringify(c.spatial)}`);
  if (typeof c.dropout !== 'number' || !(c.dropout >= 0 && c.dropout < 1))
    throw new Error(`${where}.dropout: expected a number in [0, 1), got ${JSON.stringify(c.dropout)}`);
  if (typeof c.saturation !== 'string' || !SATURATIONS.includes(c.saturation as Saturation)) {
    throw new Error(`${where}.saturation: expected one of ${SATURATIONS.join(', ')}, got ${JSON.stringify(c.saturation)}`);
  }
  const heads = c.attentionHeads;
  if (typeof heads !== 'object' || heads === null || Array.isArray(heads))
    throw new Error(`${where}.attentionHeads: expected a mapping level -> heads`);
  const attentionHeads: Record<number, number> = {};
  for (const [level, h] of Object.entries(heads as Record<string, unknown>)) {
    const li = Number(level);
    if (!Number.isInteger(li) || li < 0 || li >= hid.length)
      throw new Error(`${where}.attentionHeads.${level}: level must be an integer in [0, ${hid.length - 1}]`);
    if (!positiveInt(h))
      throw new Error(`${where}.attentionHeads.${level}: expected a positive integer number of heads, got ${JSON.stringify(h)}`);
    if (hid[li]! % h !== 0) throw new Error(`${where}.attentionHeads.${level}: ${h} heads do not divide ${hid[li]} channels`);
    if (blocks[li] === 0) throw new Error(`${where}.attentionHeads.${level}: level ${li} has no ResBlock to hold attention`);
    attentionHeads[li] = h;
  }
  return {
    pixChannels: c.pixChannels as number,
    latChannels: c.latChannels as number,
    hidChannels: [...hid],
    hidBlocks: [...blocks],
    spatial: c.spatial,
    attentionHeads,
    dropout: c.dropout,
    saturation: c.saturation as Saturation,
  };
}
