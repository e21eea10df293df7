import type { StreamId } from '@drake/storage';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { strictIdOrReply } from './stream-id-arg';
import { addDirty, writeStream } from './stream-lookup';

export const xackCommand = defineCommand({
  name: 'xack',
  arity: -4,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream', 'fast'],
  group: 'stream',
  summary:
    'Marks a pending message as correctly processed, effectively removing it from the pending entries list of ' +
    'the consumer group. Return value of the command is the number of messages successfully acknowledged, that ' +
    'is, the IDs we were actually able to resolve in the PEL.',
  since: '5.0.0',
  complexity: 'O(1) for each message ID processed.',
  execute(client: Client, argv: string[]): void {
    const stream = writeStream(client, argv[1], true);
    if (stream === null) return;
    const group = stream?.group(argv[2]);
    // No key or no group: nothing to acknowledge (the IDs are not even checked).
    if (group === undefined) {
      client.reply.integer(0);
      return;
    }
    // All IDs are checked first, so the command either fails whole or runs whole.
    const ids: StreamId[] = [];
    for (let i = 3; i < argv.length; i++) {
      const id = strictIdOrReply(client, argv[i]);
      if (id === null) return;
      ids.push(id);
    }
    let acked = 0;
    for (const id of ids) if (group.ack(id)) acked++;
    addDirty(client, acked);
    client.reply.integer(acked);
  },
});
