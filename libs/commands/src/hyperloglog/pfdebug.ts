import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { cString, noNewlines } from '../errors';
import { isWord } from '../bitmaps/bit-args';
import { HllErr } from './errors';
import { HLL_HDR_SIZE, HLL_REGISTERS, HLL_SPARSE, type Hll, getRegister } from './hll-format';
import { hllOrReply } from './hll-lookup';
import { decodeSparse, sparseToDense } from './hll-sparse';

/**
 * PFDEBUG GETREG|DECODE|ENCODING|TODENSE key: HyperLogLog internals. The key is looked up (and must be a valid
 * HLL) before the subcommand is; GETREG and TODENSE convert a sparse HLL to dense in place.
 */
export const pfdebugCommand = defineCommand({
  name: 'pfdebug',
  arity: 3,
  flags: ['write', 'denyoom', 'admin'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'hyperloglog', 'admin', 'slow', 'dangerous'],
  group: 'hyperloglog',
  summary: 'Internal commands for debugging HyperLogLog values',
  since: '2.8.9',
  complexity: 'N/A',
  execute(client: Client, argv: string[]): void {
    const sub = argv[1];
    const key = argv[2];
    const db = client.db;
    const current = db.getForWrite(key);
    if (current === undefined) {
      client.reply.error(HllErr.noSuchKey);
      return;
    }
    const h = hllOrReply(client, current);
    if (h === null) return;
    db.setEncoding(key, 'raw');
    if (isWord(sub, 'getreg')) {
      if (h.encoding === HLL_SPARSE && !toDense(client, key, h)) return;
      client.reply.array(HLL_REGISTERS);
      for (let i = 0; i < HLL_REGISTERS; i++) client.reply.integer(getRegister(h.bytes, HLL_HDR_SIZE, i));
    } else if (isWord(sub, 'decode')) {
      if (h.encoding !== HLL_SPARSE) client.reply.error(HllErr.notSparse);
      else client.reply.bulk(decodeSparse(h));
    } else if (isWord(sub, 'encoding')) {
      client.reply.simple(h.encoding === HLL_SPARSE ? 'sparse' : 'dense');
    } else if (isWord(sub, 'todense')) {
      const sparse = h.encoding === HLL_SPARSE;
      if (sparse && !toDense(client, key, h)) return;
      client.reply.integer(sparse ? 1 : 0);
    } else {
      client.reply.error(noNewlines(`ERR Unknown PFDEBUG subcommand '${cString(sub)}'`));
    }
  },
});

/** Converts the key's HLL to dense and stores it; false after replying INVALIDOBJ. */
function toDense(client: Client, key: string, h: Hll): boolean {
  if (!sparseToDense(h)) {
    client.reply.error(HllErr.invalidObject);
    return false;
  }
  client.db.setKeepTtl(key, h.toString());
  client.db.setEncoding(key, 'raw');
  return true;
}
