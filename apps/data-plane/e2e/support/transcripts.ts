import type { ServerHandle } from './processes';
import { RawClient } from './raw-client';

/** The pair redisAndSubjectForSpec() starts for a spec file. */
export interface SpecServers {
  redis(): ServerHandle;
  subject(): ServerHandle;
}

/**
 * Runs `transcript` against redis-server, then against the server under test, expects both to have recorded the
 * same, and returns the record.
 */
export async function sameOnBoth<T>(
  servers: SpecServers,
  transcript: (port: number) => Promise<T>,
): Promise<T> {
  const expected = await transcript(servers.redis().port);
  const actual = await transcript(servers.subject().port);
  expect(actual).toEqual(expected);
  return actual;
}

/** An emptied server (FLUSHALL on `admin`) and `count` fresh connections with the ids the server gave them. */
export async function freshClients(
  port: number,
  count: number,
): Promise<{ admin: RawClient; conns: RawClient[]; ids: string[] }> {
  const admin = await RawClient.connect(port);
  await admin.call('FLUSHALL');
  const conns: RawClient[] = [];
  for (let i = 0; i < count; i++) conns.push(await RawClient.connect(port));
  const ids: string[] = [];
  for (const c of conns) ids.push((await c.callText('CLIENT', 'ID')).slice(1, -2));
  return { admin, conns, ids };
}
