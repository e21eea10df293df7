import pino from 'pino';
import type { Logger } from '@drake/commands';

/** JSON lines on stdout, one per event; `role` is on every line so a replica's and a master's logs read apart. */
export function createLogger(level: string): Logger & pino.Logger {
  return pino({
    level,
    base: { pid: process.pid, role: 'master' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
