/**
 * The process's memory as INFO memory and MEMORY STATS report it: V8's heap in use plus memory held outside it
 * (Buffers), the closest analogue of Redis's allocator total; its value at start-up; and the peak seen since.
 */
export function usedMemory(m: NodeJS.MemoryUsage = process.memoryUsage()): number {
  return m.heapUsed + m.external;
}

const startup = usedMemory();
let peak = startup;

export function startupMemory(): number {
  return startup;
}

/** The largest used memory seen so far, counting `used` (a reading just taken). */
export function peakMemory(used: number): number {
  if (used > peak) peak = used;
  return peak;
}
