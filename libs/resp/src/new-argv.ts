/**
 * An array for a command's `n` arguments, filled by index. Up to 8 it is a literal of exactly n slots, so the
 * arguments take no more than they need: a growing `[]` reserves 17 slots on its first push (~150 bytes of garbage
 * per request or replicated key). Larger counts grow as the arguments arrive (a claimed count reserves nothing).
 */
// prettier-ignore
export function newArgv(n: number): string[] {
  switch (n) {
    case 1: return [''];
    case 2: return ['', ''];
    case 3: return ['', '', ''];
    case 4: return ['', '', '', ''];
    case 5: return ['', '', '', '', ''];
    case 6: return ['', '', '', '', '', ''];
    case 7: return ['', '', '', '', '', '', ''];
    case 8: return ['', '', '', '', '', '', '', ''];
    default: return [];
  }
}

/** An argument array for "no frame in progress": never written (a frame's header installs a fresh array first). */
export const NO_ARGS: readonly string[] = [];
