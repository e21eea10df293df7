/**
 * Lists from every RDB list type Redis 6.2 and 7.0 write or still read: 1 (plain, element by element),
 * 10 (one ziplist), 14 (quicklist of ziplists), 18 (quicklist of listpacks or plain nodes). Empty nodes are
 * skipped as Redis skips them; a list that ends up empty is an empty key (null).
 */
import { RedisList } from '@drake/storage';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import { forEachListpackElement } from './listpack-reader';
import { intText } from './int-text';
import {
  QUICKLIST_NODE_PACKED,
  QUICKLIST_NODE_PLAIN,
  RDB_TYPE_LIST,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_LIST_ZIPLIST,
} from './rdb-types';
import { readBlob, readLength, readString, type Reading } from './reading';
import { readZiplist } from './ziplist-reader';

function pushAll(list: RedisList, elements: readonly string[]): void {
  for (const e of elements) list.pushTail(e);
}

/** Type 1: the length then each element. */
function* readPlainList(src: ChunkSource): Reading<RedisList | null> {
  let n = yield* readLength(src);
  if (n === 0) return null;
  const list = new RedisList();
  while (n-- > 0) list.pushTail(yield* readString(src));
  return list;
}

/** Types 14 and 18: the node count then each node. */
function* readQuicklist(src: ChunkSource, type: number): Reading<RedisList | null> {
  let nodes = yield* readLength(src);
  const list = new RedisList();
  while (nodes-- > 0) {
    let container = QUICKLIST_NODE_PACKED;
    if (type === RDB_TYPE_LIST_QUICKLIST_2) {
      container = yield* readLength(src);
      if (container !== QUICKLIST_NODE_PACKED && container !== QUICKLIST_NODE_PLAIN)
        throw new RdbFormatError('quicklist integrity check failed: bad node container');
    }
    const blob = yield* readBlob(src);
    if (blob.length === 0) throw new RdbFormatError('quicklist integrity check failed: empty node');
    if (container === QUICKLIST_NODE_PLAIN) list.pushTail(blob.toString('latin1'));
    else if (type === RDB_TYPE_LIST_QUICKLIST_2)
      forEachListpackElement(blob, (e) => list.pushTail(typeof e === 'string' ? e : intText(e)));
    else pushAll(list, readZiplist(blob));
  }
  return list.length === 0 ? null : list;
}

/** Type 10: one ziplist. */
function* readZiplistList(src: ChunkSource): Reading<RedisList | null> {
  const elements = readZiplist(yield* readBlob(src));
  if (elements.length === 0) return null;
  const list = new RedisList();
  pushAll(list, elements);
  return list;
}

export function* readList(src: ChunkSource, type: number): Reading<RedisList | null> {
  if (type === RDB_TYPE_LIST) return yield* readPlainList(src);
  if (type === RDB_TYPE_LIST_ZIPLIST) return yield* readZiplistList(src);
  return yield* readQuicklist(src, type);
}
