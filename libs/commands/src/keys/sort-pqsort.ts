/**
 * The partial quicksort Redis's SORT uses when BY meets LIMIT: Bentley & McIlroy's three-way quicksort
 * ("Engineering a Sort Function") that skips the parts lying wholly outside the wanted ranks. It is not
 * stable, so elements that compare equal (ALPHA with BY and equal or missing weights) come out in the order
 * this exact algorithm leaves them; it is reproduced step for step for that reason.
 */

type Compare<T> = (a: T, b: T) => number;

function swap<T>(v: T[], i: number, j: number): void {
  const t = v[i];
  v[i] = v[j];
  v[j] = t;
}

/** Swaps the runs v[i, i+n) and v[j, j+n) element by element. */
function swapRuns<T>(v: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(v, i + k, j + k);
}

function median3<T>(v: T[], a: number, b: number, c: number, cmp: Compare<T>): number {
  return cmp(v[a], v[b]) < 0
    ? cmp(v[b], v[c]) < 0
      ? b
      : cmp(v[a], v[c]) < 0
        ? c
        : a
    : cmp(v[b], v[c]) > 0
      ? b
      : cmp(v[a], v[c]) < 0
        ? a
        : c;
}

/** Whether the part v[lo, lo+n) holds any rank of [first, last] (Redis compares the byte ranges). */
function overlaps(lo: number, n: number, first: number, last: number): boolean {
  return !((first < lo && last < lo) || (first >= lo + n && last >= lo + n));
}

/**
 * Sorts v enough that ranks first..last hold what a full sort would put there (in the algorithm's own order
 * among equal elements). `first > last` is allowed (an empty LIMIT), as Redis allows it.
 */
export function partialQuicksort<T>(v: T[], cmp: Compare<T>, first: number, last: number): void {
  sortPart(v, 0, v.length, cmp, first, last);
}

function sortPart<T>(v: T[], a: number, n: number, cmp: Compare<T>, first: number, last: number): void {
  for (;;) {
    if (n < 7) {
      // Insertion sort for short parts.
      for (let m = a + 1; m < a + n; m++)
        for (let l = m; l > a && cmp(v[l - 1], v[l]) > 0; l--) swap(v, l, l - 1);
      return;
    }
    let pm = a + (n >> 1);
    if (n > 7) {
      let pl = a;
      let pn = a + n - 1;
      if (n > 40) {
        const d = n >> 3;
        pl = median3(v, pl, pl + d, pl + 2 * d, cmp);
        pm = median3(v, pm - d, pm, pm + d, cmp);
        pn = median3(v, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = median3(v, pl, pm, pn, cmp);
    }
    swap(v, a, pm);
    // Three-way partition around v[a]: equal keys gather at both ends, then move to the middle.
    let pa = a + 1;
    let pb = pa;
    let pc = a + n - 1;
    let pd = pc;
    for (;;) {
      let c: number;
      while (pb <= pc && (c = cmp(v[pb], v[a])) <= 0) {
        if (c === 0) swap(v, pa++, pb);
        pb++;
      }
      while (pb <= pc && (c = cmp(v[pc], v[a])) >= 0) {
        if (c === 0) swap(v, pc, pd--);
        pc--;
      }
      if (pb > pc) break;
      swap(v, pb++, pc--);
    }
    const pn = a + n;
    let r = Math.min(pa - a, pb - pa);
    swapRuns(v, a, pb - r, r);
    r = Math.min(pd - pc, pn - pd - 1);
    swapRuns(v, pb, pn - r, r);
    r = pb - pa;
    if (r > 1 && overlaps(a, r, first, last)) sortPart(v, a, r, cmp, first, last);
    r = pd - pc;
    if (r <= 1) return;
    a = pn - r;
    n = r;
    if (!overlaps(a, n, first, last)) return;
  }
}
