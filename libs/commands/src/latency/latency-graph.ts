import type { EventSeries } from './latency-monitor';

/** Redis's sparkline: 80 columns, 4 rows, the area under the curve filled. */
const COLUMNS = 80;
const ROWS = 4;
const FILL = '_o#';
/** Blank rows between the graph and the labels under it. */
const LABEL_MARGIN_TOP = 1;

interface Point {
  value: number;
  label: string;
}

/**
 * LATENCY GRAPH's text, as Redis's latencyCommandGenSparkeline draws it: a title with the high, low and all-time
 * high, a rule, then the samples as filled columns with how long ago each happened written downwards below them.
 */
export function latencyGraph(event: string, series: EventSeries, nowSeconds: number): string {
  const points: Point[] = series
    .inOrder()
    .map((s) => ({ value: s.latency, label: ago(nowSeconds - s.time) }));
  const values = points.map((p) => p.value);
  const high = Math.max(...values);
  const low = Math.min(...values);
  let out = `${event} - high ${high} ms, low ${low} ms (all time high ${series.max} ms)\n${'-'.repeat(COLUMNS)}\n`;
  for (let j = 0; j < points.length; j += COLUMNS) {
    if (j !== 0) out += '\n';
    out += renderRange(points.slice(j, j + COLUMNS), low, high);
  }
  return out;
}

function ago(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Rows of one stretch of at most COLUMNS samples (sparklineRenderRange with SPARKLINE_FILL). */
function renderRange(points: Point[], min: number, max: number): string {
  const steps = FILL.length * ROWS;
  const relmax = max - min === 0 ? 1 : max - min;
  const stepOf = (p: Point): number =>
    Math.min(steps - 1, Math.max(0, Math.trunc(Math.trunc((p.value - min) * steps) / relmax)));
  let out = '';
  for (let row = 0; row < ROWS; row++) {
    out += `${points.map((p) => cell(stepOf(p) - (ROWS - row - 1) * FILL.length)).join('')}\n`;
  }
  for (let row = 0; row < LABEL_MARGIN_TOP; row++) out += `${' '.repeat(points.length)}\n`;
  const longest = Math.max(...points.map((p) => p.label.length));
  for (let char = 0; char < longest; char++) out += `${points.map((p) => p.label[char] ?? ' ').join('')}\n`;
  return out;
}

function cell(index: number): string {
  if (index >= 0 && index < FILL.length) return FILL[index];
  return index >= FILL.length ? '|' : ' ';
}
