import type { Client } from '../client';
import { arityAccepts } from '../command-spec';
import { lookupByArgv } from './command-lookup';
import { commandHasKeys, extractKeys } from './key-extraction';

/** COMMAND GETKEYS / GETKEYSANDFLAGS: the keys of the command line in argv[2..], with their flags if asked. */
export function replyCommandKeys(client: Client, argv: string[], withFlags: boolean): void {
  const reply = client.reply;
  const line = argv.slice(2);
  const spec = lookupByArgv(client.server.commands, line);
  if (spec === undefined) {
    reply.error('ERR Invalid command specified');
    return;
  }
  if (!commandHasKeys(spec)) {
    reply.error('ERR The command has no key arguments');
    return;
  }
  if (!arityAccepts(spec, line.length)) {
    reply.error('ERR Invalid number of arguments specified for command');
    return;
  }
  const keys = extractKeys(spec, line);
  if (keys === null || keys.length === 0) {
    if (spec.flags.includes('no_mandatory_keys')) reply.array(0);
    else reply.error('ERR Invalid arguments specified for command');
    return;
  }
  reply.array(keys.length);
  for (const key of keys) {
    if (!withFlags) {
      reply.bulk(line[key.pos]);
      continue;
    }
    reply.array(2);
    reply.bulk(line[key.pos]);
    reply.set(key.flags.length);
    for (const flag of key.flags) reply.simple(flag);
  }
}
