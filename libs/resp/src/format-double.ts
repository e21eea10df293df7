/**
 * Formats a double as C's printf("%.17g") does, which is how Redis 7.0 writes scores and RESP3 doubles
 * (3.14 → "3.1400000000000001", 1.5 → "1.5", 1e300 → "1.0000000000000001e+300", inf → "inf").
 */
export function formatDouble(d: number): string {
  if (d !== d) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && Math.abs(d) < 1e17) return String(d);
  const sci = d.toExponential(16);
  const ePos = sci.indexOf('e');
  const exponent = Number(sci.slice(ePos + 1));
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
