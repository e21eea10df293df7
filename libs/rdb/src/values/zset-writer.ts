/**
 * A sorted set as Redis saves it: listpack-encoded as one listpack of member, score pairs in score order
 * (type 17; a ziplist, type 12, for RDB 9), skiplist-encoded as the count then member and 8-byte LE binary
 * score pairs from the highest to the lowest (type 5), as rdbSaveObject walks the skiplist backwards.
 */
import type { RedisZset } from '@drake/storage';
import type { ByteWriter } from '../byte-writer';
import { writeLength, writeRdbString, writeRdbStringBytes } from '../rdb-encoding';
import { ListpackWriter } from './listpack';
import { RDB_TYPE_ZSET_2, RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_ZSET_ZIPLIST } from './rdb-types';
import type { ValueWriteOptions } from './write-options';
import { ZiplistWriter } from './ziplist';
import { listpackScoreInt, listpackScoreText, ziplistScoreText } from './zset-score';

const listpack = new ListpackWriter();
const ziplist = new ZiplistWriter();
const scoreBytes = Buffer.alloc(8);

export function zsetType(zset: RedisZset, opts: ValueWriteOptions): number {
  if (!zset.isListpack) return RDB_TYPE_ZSET_2;
  return opts.version >= 10 ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_ZSET_ZIPLIST;
}

export function writeZset(w: ByteWriter, zset: RedisZset, opts: ValueWriteOptions): void {
  if (!zset.isListpack) {
    writeLength(w, zset.size);
    const c = zset.last;
    if (c !== null)
      do {
        writeRdbString(w, c.member, opts.compress);
        scoreBytes.writeDoubleLE(c.score, 0);
        w.writeBytes(scoreBytes);
      } while (c.prev());
    return;
  }
  if (opts.version >= 10) {
    listpack.reset();
    const c = zset.first;
    if (c !== null)
      do {
        listpack.appendString(c.member);
        const asInt = listpackScoreInt(c.score);
        if (asInt !== null) listpack.appendInteger(asInt);
        else listpack.appendString(listpackScoreText(c.score));
      } while (c.next());
    writeRdbStringBytes(w, listpack.finish(), opts.compress);
    listpack.reset();
    return;
  }
  ziplist.reset();
  const c = zset.first;
  if (c !== null)
    do {
      ziplist.appendString(c.member);
      ziplist.appendString(ziplistScoreText(c.score));
    } while (c.next());
  writeRdbStringBytes(w, ziplist.finish(), opts.compress);
  ziplist.reset();
}
