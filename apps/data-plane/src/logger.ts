import pino from 'pino';
import type { Logger } from '@drake/commands';

/**
 * JSON lines on stdout, one per event; `role` (master or replica, as it is when the line is written) is on
 * every line so a replica's and a master's logs read apart.
 */
export function createLogger(level: string, role: () => string): Logger & pino.Logger {
  return pino({
    level,
    base: { pid: process.pid },
    mixin: () => ({ role: role() }),
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
