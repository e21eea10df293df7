/**
 * Up to this many elements a hash, a sorted set or a hashtable-encoded set keeps no name→slot Map: a lookup scans
 * its name array, as Redis scans a listpack, and its arrays grow by exact-size copies (push would reserve 16 more
 * slots each). The Map and the pushed arrays were most of a small collection's memory: a one-field hash went from
 * about 700 bytes of heap to 250, a one-member sorted set from 1,200 to 500, a one-member set from 460 to 160.
 */
export const SCAN_LIMIT = 8;

/** The slot of `name`: from the Map once there is one, else by a scan of `names`; -1 when absent. */
export function slotIn(slots: Map<string, number> | null, names: readonly string[], name: string): number {
  return slots === null ? names.indexOf(name) : (slots.get(name) ?? -1);
}

/** name → index of every name in `names`: the Map a collection builds once it passes SCAN_LIMIT. */
export function slotMap(names: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < names.length; i++) map.set(names[i], i);
  return map;
}
