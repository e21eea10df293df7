import type { Client } from '../client';
import { parseI64 } from '../args';
import { Err } from '../errors';
import { HashErr } from '../hashes/errors';
import { distinctIndices, randomIndex } from '../hashes/random-pick';
import { readSet } from './set-lookup';

/**
 * SRANDMEMBER key count, Redis's cases (an array reply in all): a negative count (or 1) picks with
 * repetition; a count at least the size answers the whole set in its order; otherwise distinct members.
 */
export function randomMembers(client: Client, argv: string[]): void {
  const parsed = parseI64(argv[2]);
  if (parsed === null) {
    client.reply.error(Err.notInteger);
    return;
  }
  if (parsed === -(2n ** 63n)) {
    client.reply.error(HashErr.countOutOfRange);
    return;
  }
  const set = readSet(client, argv[1]);
  if (set === null) return;
  const count = Number(parsed);
  const reply = client.reply;
  if (set === undefined || count === 0) {
    reply.array(0);
    return;
  }
  const members = set.members();
  if (count < 0 || count === 1) {
    const picks = Math.abs(count);
    reply.array(picks);
    // Sized by the count alone: stop once the reply is past the client's limit (see ReplyWriter.overflowed).
    for (let i = 0; i < picks && !reply.overflowed; i++) reply.bulk(members[randomIndex(members.length)]);
    return;
  }
  if (count >= members.length) {
    reply.bulkArray(members);
    return;
  }
  reply.array(count);
  for (const i of distinctIndices(members.length, count)) reply.bulk(members[i]);
}
