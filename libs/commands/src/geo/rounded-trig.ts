/**
 * sin, cos and asin rounded to the nearest double. Redis's GEO distances come from glibc's libm, which rounds
 * these to nearest for all but about 0.1% of arguments; V8's fdlibm ports differ from it in the last bit for 3–6%
 * of them, so a distance stored by GEORADIUS STOREDIST differed from Redis's for about one point in ten. Each
 * value here is computed in double-double arithmetic (about 106 bits) and rounded once.
 *
 * The double-double operations write their result to the registers H and L instead of allocating pairs: this runs
 * for every point a STOREDIST stores. Meant for |x| ≤ 2^19 (GEO passes radians of at most π); beyond, Math's.
 */

let H = 0;
let L = 0;

/** 2^27 + 1: Veltkamp's splitter for exact products without FMA. */
const SPLITTER = 134217729;

/** (ah + al) + (bh + bl) → H + L. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const sb = s - ah;
  let e = ah - (s - sb) + (bh - sb);
  const t = al + bl;
  const tb = t - al;
  const f = al - (t - tb) + (bl - tb);
  e += t;
  const s2 = s + e;
  e = e - (s2 - s) + f;
  H = s2 + e;
  L = e - (H - s2);
}

/** (ah + al) × (bh + bl) → H + L. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  let t = SPLITTER * ah;
  const ahh = t - (t - ah);
  const ahl = ah - ahh;
  t = SPLITTER * bh;
  const bhh = t - (t - bh);
  const bhl = bh - bhh;
  const e = ahh * bhh - p + ahh * bhl + ahl * bhh + ahl * bhl + (ah * bl + al * bh);
  H = p + e;
  L = e - (H - p);
}

/** (−1)^k / (2k)! and (−1)^k / (2k + 1)! as double-doubles, for the Taylor series of cos and sin. */
const TERMS = 14;
const COS_HI = new Float64Array(TERMS);
const COS_LO = new Float64Array(TERMS);
const SIN_HI = new Float64Array(TERMS);
const SIN_LO = new Float64Array(TERMS);
{
  // 1/n! by repeated division (a / d: q, then the exact remainder a − q·d over d).
  let h = 1;
  let l = 0;
  for (let n = 1; n <= 2 * TERMS + 1; n++) {
    const q = h / n;
    mul(q, 0, n, 0);
    const r = (h - H - L + l) / n;
    h = q + r;
    l = r - (h - q);
    const k = n >> 1;
    const sign = k % 2 === 0 ? 1 : -1;
    if (n % 2 === 0 && k < TERMS) [COS_HI[k], COS_LO[k]] = [sign * h, sign * l];
    if (n % 2 === 1 && k < TERMS) [SIN_HI[k], SIN_LO[k]] = [sign * h, sign * l];
  }
  COS_HI[0] = 1;
  COS_LO[0] = 0;
  SIN_HI[0] = 1;
  SIN_LO[0] = 0;
}

/** π/2 in 33-bit parts (k × part is exact for |k| < 2^20) and a tail: fdlibm's pio2_1, pio2_2, pio2_3, pio2_3t. */
const PIO2_1 = 1.57079632673412561417;
const PIO2_2 = 6.0771005063039659766e-11;
const PIO2_3 = 2.0222662487111664558e-21;
const PIO2_3T = 8.47842766036889956997e-32;

/** The reduced argument x − k·π/2 ∈ [−π/4, π/4] (R_H + R_L) and k mod 4, set by reduce(). */
let R_H = 0;
let R_L = 0;

function reduce(x: number): number {
  const k = Math.round(x / (Math.PI / 2));
  if (k === 0) {
    R_H = x;
    R_L = 0;
    return 0;
  }
  // x − k·PIO2_1 is exact: the product is, and the two are within a factor of two.
  add(x - k * PIO2_1, 0, -k * PIO2_2, 0);
  add(H, L, -k * PIO2_3, 0);
  add(H, L, -k * PIO2_3T, 0);
  R_H = H;
  R_L = L;
  return ((k % 4) + 4) % 4;
}

/** sin (or cos) of the reduced argument → H + L: Horner's scheme in r² over the Taylor coefficients. */
function series(sine: boolean): void {
  const hi = sine ? SIN_HI : COS_HI;
  const lo = sine ? SIN_LO : COS_LO;
  mul(R_H, R_L, R_H, R_L);
  const r2h = H;
  const r2l = L;
  let sh = hi[TERMS - 1];
  let sl = lo[TERMS - 1];
  for (let k = TERMS - 2; k >= 0; k--) {
    mul(sh, sl, r2h, r2l);
    add(H, L, hi[k], lo[k]);
    sh = H;
    sl = L;
  }
  if (sine) mul(sh, sl, R_H, R_L);
}

function negate(): void {
  H = -H;
  L = -L;
}

/** sin(x) → H + L. */
function sinDD(x: number): void {
  const quadrant = reduce(x);
  series(quadrant % 2 === 0);
  if (quadrant >= 2) negate();
}

/** cos(x) → H + L. */
function cosDD(x: number): void {
  const quadrant = reduce(x);
  series(quadrant % 2 === 1);
  if (quadrant === 1 || quadrant === 2) negate();
}

const LIMIT = 2 ** 19;

export function roundedSin(x: number): number {
  if (!(Math.abs(x) <= LIMIT) || x === 0) return Math.sin(x);
  sinDD(x);
  return H + L;
}

export function roundedCos(x: number): number {
  if (!(Math.abs(x) <= LIMIT)) return Math.cos(x);
  cosDD(x);
  return H + L;
}

/**
 * asin by one Newton step on sin from V8's estimate y (within an ulp): y − (sin y − x) / cos y, the step taken in
 * double-double. One step leaves an error of about (2^−52)² × tan(y), far below half an ulp unless x is within
 * 2^−40 of ±1, where a second step covers it.
 */
export function roundedAsin(x: number): number {
  if (!(Math.abs(x) < 1) || x === 0) return Math.asin(x);
  let yh = Math.asin(x);
  let yl = 0;
  const steps = 1 - Math.abs(x) < 2 ** -40 ? 2 : 1;
  for (let i = 0; i < steps; i++) {
    // sin(yh + yl) − x ≈ sin(yh) − x + cos(yh)·yl, and cos(yh + yl) ≈ cos(yh): yl is below an ulp of yh.
    cosDD(yh);
    const c = H + L;
    sinDD(yh);
    add(H, L, -x, 0);
    const residual = H + L + c * yl;
    add(yh, yl, -residual / c, 0);
    yh = H;
    yl = L;
  }
  return yh + yl;
}
