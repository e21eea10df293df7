import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';
import { rangeBoundOrReply } from './stream-id-arg';
import { isOption, readStream } from './stream-lookup';
import { replyEntries, takeEntries } from './stream-reply';

/**
 * XRANGE key start end [COUNT n] / XREVRANGE key end start [COUNT n]: `-`/`+`, incomplete IDs (start seq 0, end
 * seq max), `(` exclusive bounds. COUNT 0 answers a null array; a negative COUNT counts as 0.
 */
export function xrangeGeneric(client: Client, argv: string[], rev: boolean): void {
  const start = rangeBoundOrReply(client, rev ? argv[3] : argv[2], true);
  if (start === null) return;
  const end = rangeBoundOrReply(client, rev ? argv[2] : argv[3], false);
  if (end === null) return;
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (isOption(argv[j], 'COUNT') && argv.length - j - 1 >= 1) {
      const n = parseInteger(argv[j + 1]);
      if (n === null) {
        client.reply.error(Err.notInteger);
        return;
      }
      count = n < 0 ? 0 : n;
      j++;
    } else {
      client.reply.error(Err.syntax);
      return;
    }
  }
  const stream = readStream(client, argv[1]);
  if (stream === null) return;
  if (stream === undefined) {
    client.reply.array(0);
    return;
  }
  if (count === 0) {
    client.reply.nullArray();
    return;
  }
  replyEntries(client, takeEntries(stream.cursor(start, end, rev), count === -1 ? 0 : count));
}
