/**
 * Formats a double as glibc's printf("%.17g") does, which is how Redis 7.0 writes scores and RESP3 doubles
 * (3.14 → "3.1400000000000001", 1.5 → "1.5", 1e300 → "1.0000000000000001e+300", inf → "inf").
 *
 * JS's toExponential/toFixed round an exact tie (a double whose exact decimal expansion stops at a 5 right after
 * the 17th significant digit, such as 2.00000762939453125) away from zero where glibc rounds it to even; those
 * rare values are redone exactly with BigInt arithmetic. Integers between 2^53 and 1e17 print all their exact
 * digits (String() would give the shortest round-trip form instead).
 */
export function formatDouble(d: number): string {
  if (d !== d) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && Math.abs(d) < 1e17)
    return Number.isSafeInteger(d) ? String(d) : BigInt(d).toString();
  const sci = d.toExponential(16);
  const ePos = sci.indexOf('e');
  const exponent = Number(sci.slice(ePos + 1));
  if (isTieCandidate(d, exponent)) return exactG17(d);

  if (exponent < -4 || exponent >= 17) {
    const mantissa = stripZeros(sci.slice(0, ePos));
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent));
    return `${mantissa}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
  }
  return stripZeros(d.toFixed(16 - exponent));
}

/** %g drops trailing zeros of the fraction, and the point when nothing is left after it. */
function stripZeros(s: string): string {
  if (s.indexOf('.') === -1) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/**
 * True when rounding to 17 significant digits may be an exact tie. A double with k fractional bits has exactly
 * k fractional decimal digits, so its expansion from the first digit (10^e) has e + k + 1 digits; a tie needs
 * exactly 18 of them (the last a 5), so k = 17 - e. Doubles with more fractional bits are filtered out with one
 * exact multiplication (`exponent` may be e + 1 after rounding, hence the 18); the rest are probed at 18 digits.
 */
function isTieCandidate(d: number, exponent: number): boolean {
  if (exponent < 17 && !Number.isInteger(d * 2 ** (18 - exponent))) return false;
  const probe = d.toExponential(17);
  return probe.charCodeAt(d < 0 ? 19 : 18) === 53;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal digits of |x| and the power of ten of their last digit: |x| = digits * 10^exp10. */
function exactDecimal(x: number): { digits: bigint; exp10: number } {
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) {
    exp2 = -1074;
  } else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (exp2 >= 0) return { digits: mantissa << BigInt(exp2), exp10: 0 };
  // m / 2^k = m * 5^k / 10^k
  return { digits: mantissa * 5n ** BigInt(-exp2), exp10: exp2 };
}

/** %.17g from the exact decimal expansion, rounding half to even as glibc does. */
function exactG17(x: number): string {
  const { digits, exp10 } = exactDecimal(x);
  let text = digits.toString();
  let exponent = exp10 + text.length - 1; // power of ten of the first digit
  if (text.length > 17) {
    const drop = text.length - 17;
    const scale = 10n ** BigInt(drop);
    let q = digits / scale;
    const r = digits % scale;
    const half = scale / 2n;
    if (r > half || (r === half && (q & 1n) === 1n)) q++;
    text = q.toString();
    if (text.length > 17) {
      text = text.slice(0, 17);
      exponent++;
    }
  }
  text = text.replace(/0+$/, '') || '0';
  const sign = x < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 17) {
    const mantissa = text.length > 1 ? `${text[0]}.${text.slice(1)}` : text;
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${text}`;
  if (text.length <= exponent + 1) return `${sign}${text}${'0'.repeat(exponent + 1 - text.length)}`;
  return `${sign}${text.slice(0, exponent + 1)}.${text.slice(exponent + 1)}`;
}
