import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';

/**
 * True when `spec` passes `test`, or when it is an EXEC whose queue holds a command that does: the gates that look
 * at what a command will run (READONLY, LOADING, MASTERDOWN, a client pause) see an EXEC as the commands it holds,
 * as Redis reads mstate.cmd_flags and cmd_inv_flags.
 */
export function execRuns(client: Client, spec: CommandSpec, test: (spec: CommandSpec) => boolean): boolean {
  if (test(spec)) return true;
  if (spec.name !== 'exec' || client.multi === null) return false;
  for (const queued of client.multi) if (test(queued.spec)) return true;
  return false;
}
