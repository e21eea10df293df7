/**
 * `count` distinct indices below `n` (count < n), in random order: a partial Fisher-Yates over all indices
 * when most are wanted, rejection sampling otherwise (Redis's HRANDFIELD/SRANDMEMBER cases 3 and 4).
 */
export function distinctIndices(n: number, count: number): number[] {
  if (count * 3 > n) {
    const all: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) all[i] = i;
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(Math.random() * (n - i));
      const t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    all.length = count;
    return all;
  }
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(Math.random() * n));
  return [...picked];
}

/** A random index below n. */
export function randomIndex(n: number): number {
  return Math.floor(Math.random() * n);
}
