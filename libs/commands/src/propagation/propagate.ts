import type { Client } from '../client';
import { hasFlag, type CommandSpec } from '../command-spec';
import { effectsOf } from './effects';

/**
 * Journals what a write command did (DESIGN §4): the effect commands of `effectsOf`, each on its key's shard when
 * it names one key (DEL k, MSET k v, and a rewritten effect such as LMPOP's `RPOP l 3`, whatever keys the command
 * itself could name), and as a barrier across every shard otherwise (an effect reading or writing keys of several
 * shards, FLUSHALL…), so replica flows apply it at the same point of the global order. Inside EXEC the effects
 * are gathered and journalled as one transaction when EXEC ends.
 */
export function propagate(client: Client, spec: CommandSpec, argv: string[]): void {
  const effects = effectsOf(client, spec, argv);
  client.propagateAs = null;
  if (effects.length === 0) return;
  if (client.inExec) {
    for (const e of effects) client.execEffects.push({ dbIndex: client.dbIndex, argv: e });
    return;
  }
  for (const effect of effects) {
    // A rewritten effect is its own command, with its own keys.
    const effectSpec = effect === argv ? spec : client.server.commands.lookup(effect[0]);
    journalEffect(client, effect, effectSpec === undefined ? null : singleKeyOf(effectSpec, effect));
  }
}

/**
 * Whether what `client` changes goes to the journal: there is one, and this node is a master or `client` is the
 * link of a replica that re-journals what its master sends (a replica journals nothing else: a client's PUBLISH
 * there would put its mirror out of step).
 */
export function journals(client: Client): boolean {
  return (
    client.server.journal !== null && client.propagates && (client.isMasterLink || !client.server.isReplica)
  );
}

/**
 * An effect decided outside a command (a blocked client served by someone else's push), or by a command that
 * journals itself (consumer groups); `key` is its only key, or null when it has several (journalled as a barrier).
 */
export function propagateEffect(client: Client, argv: string[], key: string | null): void {
  if (!journals(client)) return;
  if (client.inExec) client.execEffects.push({ dbIndex: client.dbIndex, argv });
  else journalEffect(client, argv, key);
}

function journalEffect(client: Client, argv: string[], key: string | null): void {
  const journal = client.server.journal;
  if (journal === null) return;
  if (key !== null) journal.shard(client.server.keyspace.shardOf(key)).appendCommand(client.dbIndex, argv);
  else journal.appendBarrier(client.dbIndex, argv);
}

/**
 * Journals a finished EXEC: its effects as one group with a new txid on shard 0 (each in the db it ran in),
 * closed by an `EXEC` barrier on every shard, so a replica applies the transaction atomically and in order.
 */
export function propagateExec(client: Client): void {
  const journal = client.server.journal;
  const effects = client.execEffects;
  client.execEffects = [];
  if (journal === null || effects.length === 0) return;
  const txid = journal.nextTxid();
  const first = journal.shard(0);
  for (const { dbIndex, argv } of effects) first.appendCommand(dbIndex, argv, txid);
  for (const shard of journal.shards) shard.appendBarrier(client.dbIndex, ['EXEC'], txid);
}

/**
 * The one key a command line names through its spec's first/last/step positions (DEL k, MSET k v, BLPOP k 0 as
 * well as GET k), or null for keyless lines and lines with several keys. SORT … STORE writes a key its spec does
 * not name and a movable-keys command's keys are not at fixed positions: both always count as multi-key.
 */
export function singleKeyOf(spec: CommandSpec, argv: readonly string[]): string | null {
  const first = spec.firstKey;
  if (first <= 0 || first >= argv.length) return null;
  if (spec.name === 'sort' || hasFlag(spec, 'movablekeys')) return null;
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  if (last < first) return null;
  return first + Math.max(1, spec.keyStep) > last ? argv[first] : null;
}
