/**
 * Python's `f"{value:.4E}"` (used by The Well's `compute_statistics.py` for `stats.yaml`):
 * 5 significant digits, correctly rounded half-to-even on the exact binary value, upper-case `E`,
 * signed exponent of at least two digits (`9.0297E-01`, `-0.0000E+00`, `inf`/`nan` as `INF`/`NAN`).
 */
export function formatPythonE(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NAN';
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
  const neg = value < 0 || Object.is(value, -0);
  const x = Math.abs(value);
  if (x === 0) return `${neg ? '-' : ''}${'0.'.padEnd(digits + 2, '0')}E+00`;
  const { digits: exact, exp10 } = exactDecimal(x); // x = 0.d1d2d3... * 10^exp10
  // keep digits+1 significant digits, round half to even on the rest
  const keep = digits + 1;
  let head = exact.slice(0, keep).padEnd(keep, '0');
  const rest = exact.slice(keep);
  let e = exp10 - 1;
  const first = rest.charCodeAt(0) - 48;
  const tail = rest.slice(1);
  const roundUp = rest.length > 0 && (first > 5 || (first === 5 && (/[1-9]/.test(tail) || (Number(head[head.length - 1]) & 1) === 1)));
  if (roundUp) {
    const n = (BigInt(head) + 1n).toString();
    if (n.length > keep) {
      head = n.slice(0, keep);
      e += 1;
    } else head = n;
  }
  const mant = digits > 0 ? `${head[0]}.${head.slice(1)}` : head;
  const es = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return `${neg ? '-' : ''}${mant}E${es}`;
}

/** Exact decimal digits of a positive finite double: x = 0.DIGITS × 10^exp10. */
function exactDecimal(x: number): { digits: string; exp10: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  // x = mant * 2^e2
  let intDigits: string;
  let scale: number; // number of decimal digits after the point in intDigits
  if (e2 >= 0) {
    intDigits = (mant << BigInt(e2)).toString();
    scale = 0;
  } else {
    // mant * 2^e2 = mant * 5^-e2 / 10^-e2
    intDigits = (mant * 5n ** BigInt(-e2)).toString();
    scale = -e2;
  }
  const stripped = intDigits.replace(/^0+/, '');
  const exp10 = stripped.length - scale;
  return { digits: stripped.replace(/0+$/, '') || '0', exp10 };
}
