/**
 * Per-command latency distribution (LATENCY HISTOGRAM, INFO latencystats), laid out as Redis's HDR histogram with
 * two significant digits: values in ns from 1 to 1 s; below 256 ns exact, above that 128 sub-buckets per power of
 * two, so a value is known to within 1/128 of itself.
 */
const SUB_BUCKETS = 128;
const EXACT_BELOW = 2 * SUB_BUCKETS;
const MIN_NS = 1;
const MAX_NS = 1_000_000_000;
/** Buckets up to MAX_NS (2^30 > MAX_NS): 256 exact ones, then 22 powers of two × 128. */
const BUCKETS = EXACT_BELOW + 22 * SUB_BUCKETS;
/** LATENCY HISTOGRAM's first step (ns) and its factor: steps 1,024 ns, 2,048 ns, 4,096 ns… */
const CDF_FIRST_STEP = 1024;

function indexOf(ns: number): number {
  if (ns < EXACT_BELOW) return ns;
  const shift = 31 - Math.clz32(ns) - 7;
  return EXACT_BELOW + (shift - 1) * SUB_BUCKETS + ((ns >>> shift) - SUB_BUCKETS);
}

/** The highest value bucket `index` stands for (HDR's highest_equivalent_value). */
function highestOf(index: number): number {
  if (index < EXACT_BELOW) return index;
  const shift = Math.floor((index - EXACT_BELOW) / SUB_BUCKETS) + 1;
  const sub = SUB_BUCKETS + ((index - EXACT_BELOW) % SUB_BUCKETS);
  return sub * 2 ** shift + 2 ** shift - 1;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  total = 0;

  /** Records one command's duration in µs. */
  record(us: number): void {
    const ns = Math.min(MAX_NS, Math.max(MIN_NS, Math.round(us * 1000)));
    this.counts[indexOf(ns)]++;
    this.total++;
  }

  /**
   * The cumulative distribution as LATENCY HISTOGRAM gives it: for each step (1,024 ns, doubling), the highest
   * value equivalent to the step in µs and how many durations were at most that, listing a step only when the
   * count grew (HDR's log iterator, as Redis's fillCommandCDF walks it).
   */
  cdf(): [us: number, count: number][] {
    const out: [number, number][] = [];
    let cumulative = 0;
    let previous = 0;
    let index = 0;
    for (let step = CDF_FIRST_STEP; cumulative < this.total; step *= 2) {
      const stepIndex = indexOf(step);
      for (const upTo = Math.min(BUCKETS - 1, stepIndex); index <= upTo; index++)
        cumulative += this.counts[index];
      if (cumulative > previous) out.push([Math.floor(highestOf(stepIndex) / 1000), cumulative]);
      previous = cumulative;
    }
    return out;
  }

  /** The value (ns) at or below which `percentile` % of the durations are (HDR's hdr_value_at_percentile). */
  valueAtPercentile(percentile: number): number {
    const wanted = Math.max(1, Math.floor((Math.min(percentile, 100) / 100) * this.total + 0.5));
    let cumulative = 0;
    for (let i = 0; i < BUCKETS; i++) {
      cumulative += this.counts[i];
      if (cumulative >= wanted) return highestOf(i);
    }
    return 0;
  }
}
