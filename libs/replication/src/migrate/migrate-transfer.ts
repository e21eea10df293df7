import { MasterConnection } from '../replica/master-connection';
import type { RespReply } from '../resp-reply-reader';

/** One key to restore on the target: its name, TTL in ms (0: none) and DUMP payload. */
export interface MigratedKey {
  readonly key: string;
  readonly ttlMs: number;
  readonly payload: Buffer;
}

export interface MigrateTarget {
  readonly host: string;
  readonly port: number;
  readonly dbIndex: number;
  readonly timeoutMs: number;
  /** AUTH before anything else: [password] or [username, password]; null for none. */
  readonly auth: readonly string[] | null;
  readonly replace: boolean;
}

/** What the target said: which keys it took, and the error to answer (Redis's wording) or null. */
export interface MigrateOutcome {
  readonly restored: readonly string[];
  readonly error: string | null;
}

const CONNECT_ERROR = 'IOERR error or timeout connecting to the client';
const WRITE_ERROR = 'IOERR error or timeout writing to target instance';
const READ_ERROR = 'IOERR error or timeout reading to target instance';

/** No answer within the MIGRATE timeout. */
class ReplyTimeout extends Error {}

/**
 * MIGRATE's conversation with the target, as Redis has it: AUTH (when given), SELECT, then one RESTORE per key, each
 * step within the timeout. An AUTH or SELECT error fails every key; otherwise each key whose RESTORE succeeded is
 * reported restored, and the first error is the answer. A connection refused or cut before the first reply is
 * retried once (Redis's may_retry); a timeout is not.
 */
export async function transferKeys(
  target: MigrateTarget,
  keys: readonly MigratedKey[],
): Promise<MigrateOutcome> {
  const first = await attempt(target, keys);
  if (first.retry) return (await attempt(target, keys)).outcome;
  return first.outcome;
}

async function attempt(
  target: MigrateTarget,
  keys: readonly MigratedKey[],
): Promise<{ outcome: MigrateOutcome; retry: boolean }> {
  let conn: MasterConnection;
  try {
    conn = await MasterConnection.open(target.host, target.port, target.timeoutMs, () => undefined);
  } catch (err) {
    // A refusal is seen by Redis as a failed write after a connect in progress; a timeout as a failed connect.
    const refused = (err as NodeJS.ErrnoException).code === 'ECONNREFUSED';
    return { outcome: { restored: [], error: refused ? WRITE_ERROR : CONNECT_ERROR }, retry: refused };
  }
  const restored: string[] = [];
  let answered = false;
  try {
    const call = (...argv: string[]): Promise<RespReply> => withTimeout(conn.call(...argv), target.timeoutMs);
    const setupError = await setUp(call, target);
    answered = true;
    let error = setupError;
    for (const { key, ttlMs, payload } of keys) {
      const argv = ['RESTORE', key, String(ttlMs), payload.toString('latin1')];
      if (target.replace) argv.push('REPLACE');
      const reply = await call(...argv);
      if (reply.type === 'error') error ??= targetError(reply.value);
      else if (setupError === null) restored.push(key);
    }
    return { outcome: { restored, error }, retry: false };
  } catch (err) {
    // Retried only when nothing was answered yet and it was not a timeout.
    const retry = !answered && !(err instanceof ReplyTimeout);
    return { outcome: { restored, error: READ_ERROR }, retry };
  } finally {
    conn.close();
  }
}

/** AUTH and SELECT; the error of the first that failed (Redis reports AUTH's before SELECT's), else null. */
async function setUp(
  call: (...argv: string[]) => Promise<RespReply>,
  target: MigrateTarget,
): Promise<string | null> {
  let error: string | null = null;
  if (target.auth !== null) {
    const reply = await call('AUTH', ...target.auth);
    if (reply.type === 'error') error = targetError(reply.value);
  }
  const selected = await call('SELECT', String(target.dbIndex));
  if (selected.type === 'error') error ??= targetError(selected.value);
  return error;
}

function targetError(message: string): string {
  return `ERR Target instance replied with error: ${message}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new ReplyTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
