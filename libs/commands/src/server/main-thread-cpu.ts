import { readFileSync } from 'fs';

/** Linux's clock ticks per second (sysconf(_SC_CLK_TCK)), which /proc reports thread times in. */
const TICKS_PER_SECOND = 100;

/**
 * The main thread's system and user CPU seconds (Redis's RUSAGE_THREAD figures), from
 * /proc/self/task/<pid>/stat: the main thread's id is the process id. Null where there is no such file.
 */
export function mainThreadCpu(): { system: number; user: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The command name in parentheses may hold spaces: the fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 (0-based) after the name.
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) return null;
  return { system: system / TICKS_PER_SECOND, user: user / TICKS_PER_SECOND };
}
