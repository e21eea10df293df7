import { HLL_Q, HLL_REGISTERS } from './hll-format';

/** 0.5/ln(2), the limit of HyperLogLog's alpha constant. */
const ALPHA_INF = 0.7213475204444817;

/** sigma(x) of Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog sketches"). */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let previous: number;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (previous !== z);
  return z;
}

/** tau(x) of the same estimator. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  do {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    const d = 1 - x;
    z -= d * d * y;
  } while (previous !== z);
  return z / 3;
}

/**
 * The cardinality estimate from a histogram of register values (histogram[v] = registers holding v), as Redis
 * 7.0's hllCount computes it, operation for operation in doubles so the result matches to the unit. Values past
 * Q+1 (only in hand-made dense strings) are ignored, as in Redis.
 */
export function estimate(histogram: Int32Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - histogram[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; j--) {
    z += histogram[j];
    z *= 0.5;
  }
  z += m * sigma(histogram[0] / m);
  return Math.round((ALPHA_INF * m * m) / z);
}
