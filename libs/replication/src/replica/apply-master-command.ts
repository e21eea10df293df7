import { dispatch, type Client } from '@drake/commands';

/**
 * Runs one command of the master's stream (snapshot or journal) in database `dbIndex`, as the master link
 * `client`. Keys past their TTL stay live meanwhile: the master saw them live when it wrote the command and
 * sends their DEL when it expires them, so the result does not depend on the replica's clock (a replica that
 * hid them would ignore that DEL, and a later `SET … KEEPTTL` would bring the dead TTL back). The reply is
 * dropped without being copied out; returns its text only when it is an error.
 */
export function applyMasterCommand(client: Client, dbIndex: number, argv: string[]): string | null {
  if (client.dbIndex !== dbIndex) client.select(dbIndex);
  const keyspace = client.server.keyspace;
  keyspace.applyingMasterStream = true;
  try {
    dispatch(client, argv);
  } finally {
    keyspace.applyingMasterStream = false;
  }
  const reply = client.reply;
  const error = reply.firstByte === 0x2d /* - */ ? (reply.take() as Buffer).toString('latin1').trim() : null;
  reply.truncate(0);
  return error;
}
