/**
 * printf's "%.17g" exactly as glibc prints it, for score text inside listpacks and ziplists. JS's
 * toExponential rounds an exact tie (a double whose exact decimal expansion stops at a 5 in the 18th digit,
 * such as 2.00000762939453125) up, where glibc rounds it to even; those rare values are redone exactly with
 * BigInt arithmetic, and integers between 2^53 and 1e17 print their exact digits (String() would shorten
 * them). Everything else goes through @drake/resp's formatDouble.
 */
import { formatDouble } from '@drake/resp';

const view = new DataView(new ArrayBuffer(8));

/** "%.17g" of a finite or infinite double (nan as "nan"), glibc's rounding. */
export function formatG17(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatDouble(x);
  // Integers below 1e17 print all their digits; past 2^53 String() would give the shortest round-trip form.
  if (Number.isInteger(x) && Math.abs(x) < 1e17)
    return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
  const probe = x.toExponential(17);
  // The 18th significant digit sits at index 18 (after "d." and 16 digits), one further for a minus sign.
  if (probe[x < 0 ? 19 : 18] !== '5') return formatDouble(x);
  return exactG17(x);
}

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
