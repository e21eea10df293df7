/**
 * A journal command that reads the clock when it runs (XCLAIM's delivery time and the consumer's seen-time,
 * XREADGROUP's, XGROUP CREATECONSUMER's), wrapped with the master's time when it ran:
 *
 *   DRAKE.CLOCKED <ms> <command> <arg>…
 *
 * A Drake replica runs the command with its clock reading `ms`, so its consumer groups match the master's to the
 * millisecond whatever its own clock says; the stream for Redis replicas carries the bare command, which Redis
 * runs with its own clock, as it runs Redis's own propagation of these commands.
 */
export const CLOCKED_COMMAND = 'DRAKE.CLOCKED';

/** `argv` to run with the clock reading `ms`. */
export function clockedCommand(ms: number, argv: readonly string[]): string[] {
  return [CLOCKED_COMMAND, String(ms), ...argv];
}

/** The command itself, without its clock when it has one (what a replica of another kind runs). */
export function withoutClock(argv: readonly string[]): readonly string[] {
  return argv[0] === CLOCKED_COMMAND ? argv.slice(2) : argv;
}

/** A clocked command taken apart: the time and the command. */
export interface ClockedCommand {
  readonly ms: number;
  readonly argv: string[];
}

/**
 * The time and command of a clocked command, null for any other command, or a string saying what is wrong with a
 * malformed one (a broken or hostile stream).
 */
export function unwrapClocked(argv: readonly string[]): ClockedCommand | string | null {
  if (argv.length === 0 || argv[0] !== CLOCKED_COMMAND) return null;
  if (argv.length < 3) return `ERR ${CLOCKED_COMMAND} needs a time and a command`;
  const text = argv[1];
  const ms = Number(text);
  if (!/^(0|[1-9][0-9]*)$/.test(text) || !Number.isSafeInteger(ms)) {
    return `ERR ${CLOCKED_COMMAND} time is not a millisecond count: ${JSON.stringify(text.slice(0, 32))}`;
  }
  return { ms, argv: argv.slice(2) };
}
