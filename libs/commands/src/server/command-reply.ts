import type { ReplyWriter } from '@drake/resp';
import type { CommandSpec } from '../command-spec';
import { commandExtras, type KeySpec } from './command-extras';
import { aclCategories, visibleFlags } from './command-metadata';

/** One COMMAND INFO entry, Redis 7.0's 10 fields. Sets and maps degrade to arrays in RESP2 as Redis's do. */
export function writeCommandInfo(reply: ReplyWriter, spec: CommandSpec): void {
  const extras = commandExtras(spec);
  reply.array(10);
  reply.bulk(spec.name);
  reply.integer(spec.arity);
  const flags = visibleFlags(spec);
  reply.set(flags.length);
  for (const flag of flags) reply.simple(flag);
  reply.integer(spec.firstKey);
  reply.integer(spec.lastKey);
  reply.integer(spec.keyStep);
  const categories = aclCategories(spec);
  reply.set(categories.length);
  for (const category of categories) reply.simple('@' + category);
  reply.set(extras.tips.length);
  for (const tip of extras.tips) reply.bulk(tip);
  reply.set(extras.keySpecs.length);
  for (const keySpec of extras.keySpecs) writeKeySpec(reply, keySpec);
  // Redis answers an empty set for a plain command but an array for a container's subcommands.
  if (spec.subcommands === undefined) {
    reply.set(0);
  } else {
    reply.array(spec.subcommands.length);
    for (const sub of spec.subcommands) writeCommandInfo(reply, sub);
  }
}

function writeKeySpec(reply: ReplyWriter, keySpec: KeySpec): void {
  reply.map(keySpec.notes === undefined ? 3 : 4);
  if (keySpec.notes !== undefined) {
    reply.bulk('notes');
    reply.bulk(keySpec.notes);
  }
  reply.bulk('flags');
  reply.set(keySpec.flags.length);
  for (const flag of keySpec.flags) reply.simple(flag);
  reply.bulk('begin_search');
  reply.map(2);
  reply.bulk('type');
  reply.bulk(keySpec.begin.type);
  reply.bulk('spec');
  const begin = keySpec.begin;
  if (begin.type === 'index') {
    reply.map(1);
    writeIntField(reply, 'index', begin.index);
  } else if (begin.type === 'keyword') {
    reply.map(2);
    reply.bulk('keyword');
    reply.bulk(begin.keyword);
    writeIntField(reply, 'startfrom', begin.startfrom);
  } else {
    reply.map(0);
  }
  reply.bulk('find_keys');
  reply.map(2);
  reply.bulk('type');
  reply.bulk(keySpec.find.type);
  reply.bulk('spec');
  const find = keySpec.find;
  if (find.type === 'range') {
    reply.map(3);
    writeIntField(reply, 'lastkey', find.lastkey);
    writeIntField(reply, 'keystep', find.keystep);
    writeIntField(reply, 'limit', find.limit);
  } else if (find.type === 'keynum') {
    reply.map(3);
    writeIntField(reply, 'keynumidx', find.keynumidx);
    writeIntField(reply, 'firstkey', find.firstkey);
    writeIntField(reply, 'keystep', find.keystep);
  } else {
    reply.map(0);
  }
}

function writeIntField(reply: ReplyWriter, name: string, value: number): void {
  reply.bulk(name);
  reply.integer(value);
}

/**
 * One COMMAND DOCS entry: summary, since, group, complexity (when known) and the subcommands' docs. Drake keeps no
 * argument trees or history, so those Redis fields are absent.
 */
export function writeCommandDocs(reply: ReplyWriter, spec: CommandSpec): void {
  const fields = 3 + (spec.complexity === undefined ? 0 : 1) + (spec.subcommands === undefined ? 0 : 1);
  reply.map(fields);
  reply.bulk('summary');
  reply.bulk(spec.summary);
  reply.bulk('since');
  reply.bulk(spec.since);
  reply.bulk('group');
  reply.bulk(spec.group);
  if (spec.complexity !== undefined) {
    reply.bulk('complexity');
    reply.bulk(spec.complexity);
  }
  if (spec.subcommands !== undefined) {
    reply.bulk('subcommands');
    reply.map(spec.subcommands.length);
    for (const sub of spec.subcommands) {
      reply.bulk(sub.name);
      writeCommandDocs(reply, sub);
    }
  }
}
