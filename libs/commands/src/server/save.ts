import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';

const NO_DISK = 'ERR this server keeps no RDB file';

/** SAVE: writes the RDB file now; the server answers nothing else meanwhile (as Redis's SAVE). */
export const saveCommand = defineCommand({
  name: 'save',
  arity: 1,
  flags: ['admin', 'noscript', 'no_multi'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Synchronously save the dataset to disk',
  since: '1.0.0',
  complexity: 'O(N) where N is the total number of keys in all databases',
  execute(client: Client): void {
    const persistence = client.server.persistence;
    const error = persistence === null ? NO_DISK : persistence.save();
    if (error === null) client.reply.ok();
    else client.reply.error(error);
  },
});

/** BGSAVE [SCHEDULE]: writes the RDB file in the background, from a point-in-time snapshot taken without fork. */
export const bgsaveCommand = defineCommand({
  name: 'bgsave',
  arity: -1,
  flags: ['admin', 'noscript'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Asynchronously save the dataset to disk',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    let schedule = false;
    if (argv.length > 1) {
      if (argv.length === 2 && argv[1].toLowerCase() === 'schedule') schedule = true;
      else {
        client.reply.error(Err.syntax);
        return;
      }
    }
    const persistence = client.server.persistence;
    const answer = persistence === null ? NO_DISK : persistence.bgsave(schedule);
    if (answer.startsWith('ERR')) client.reply.error(answer);
    else client.reply.simple(answer);
  },
});
