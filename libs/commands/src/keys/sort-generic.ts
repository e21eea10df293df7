import { RedisList, RedisSet, RedisZset, type Value } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { KeysErr } from './errors';
import { lookupRead } from './lookup';
import { parseSortOptions, type SortOptions } from './sort-options';
import { lookupByPattern } from './sort-pattern';
import { partialQuicksort } from './sort-pqsort';
import { sortScore } from './sort-score';

type Sortable = RedisList | RedisSet | RedisZset;

/**
 * What is sorted: the elements, and per element its numeric weight (0 when its BY key is missing) or, for
 * ALPHA with BY, its weight's text (null when missing). Indices into these are sorted, not the elements.
 */
interface SortVector {
  readonly elements: readonly string[];
  readonly scores: Float64Array;
  readonly weights: (string | null)[];
}

/** Binary order (memcmp, then length): Redis's compareStringObjects. */
function compareBinary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcoll in the C locale: byte order of the strings up to their first NUL. */
function compareCString(a: string, b: string): number {
  const na = a.indexOf('\0');
  const nb = b.indexOf('\0');
  return compareBinary(na < 0 ? a : a.slice(0, na), nb < 0 ? b : b.slice(0, nb));
}

/**
 * Redis's sortCompare over indices. Numeric: by weight, equal weights by the elements' bytes. ALPHA: by the
 * BY values (missing ones first) or by the elements, with strcoll (C string) unless the result is stored
 * (binary). DESC negates the whole comparison, so equal elements keep their relative order either way.
 */
function comparator(v: SortVector, alpha: boolean, byPattern: boolean, store: boolean, desc: boolean) {
  const { elements, scores, weights } = v;
  const text = store ? compareBinary : compareCString;
  let cmp: (i: number, j: number) => number;
  if (!alpha) {
    cmp = (i, j) =>
      scores[i] > scores[j] ? 1 : scores[i] < scores[j] ? -1 : compareBinary(elements[i], elements[j]);
  } else if (byPattern) {
    cmp = (i, j) => {
      const a = weights[i];
      const b = weights[j];
      if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
      return text(a, b);
    };
  } else {
    cmp = (i, j) => text(elements[i], elements[j]);
  }
  return desc ? (i: number, j: number) => -cmp(i, j) : cmp;
}

/** Elements [start, end] of a list or zset in their own order, or reversed (DESC) from its far end. */
function loadRange(value: RedisList | RedisZset, start: number, end: number, desc: boolean): string[] {
  if (end < start) return [];
  const length = value.size;
  if (value instanceof RedisList) {
    const slice = value.slice(desc ? length - 1 - end : start, end - start + 1);
    return desc ? slice.reverse() : slice;
  }
  const out: string[] = [];
  const c = value.at(desc ? length - 1 - start : start);
  if (c !== null)
    for (let i = start; i <= end; i++) {
      out.push(c.member);
      if (!(desc ? c.prev() : c.next())) break;
    }
  return out;
}

/** Every element: a list or a set in its own order, a zset by score (Redis walks its hash table instead). */
function loadAll(value: Sortable | undefined): string[] {
  if (value === undefined) return [];
  if (value instanceof RedisList) return value.toArray();
  if (value instanceof RedisSet) return [...value.members()];
  const out: string[] = [];
  const c = value.first;
  if (c !== null)
    do out.push(c.member);
    while (c.next());
  return out;
}

/** Looks up the weights; false when a numeric weight cannot be read (Redis then replies an error). */
function loadWeights(client: Client, v: SortVector, by: string | null, alpha: boolean): boolean {
  let ok = true;
  for (let i = 0; i < v.elements.length; i++) {
    let weight: string | null = v.elements[i];
    if (by !== null) {
      weight = lookupByPattern(client, by, weight);
      if (weight === null) continue;
    }
    if (alpha) {
      if (by !== null) v.weights[i] = weight;
      continue;
    }
    const score = sortScore(weight);
    if (score === null) ok = false;
    else v.scores[i] = score;
  }
  return ok;
}

/** The output for ranks [start, end]: the elements, or per element the value of each GET pattern. */
function output(
  client: Client,
  elements: readonly string[],
  order: readonly number[],
  start: number,
  end: number,
  gets: readonly string[],
): (string | null)[] {
  const out: (string | null)[] = [];
  for (let j = start; j <= end; j++) {
    const element = elements[order[j]];
    if (gets.length === 0) out.push(element);
    for (const pattern of gets) out.push(lookupByPattern(client, pattern, element));
  }
  return out;
}

/** The sortable value at `key`: undefined when missing, null after replying WRONGTYPE. */
function lookupSortable(client: Client, key: string): Sortable | undefined | null {
  const value: Value | undefined = lookupRead(client, key);
  if (value === undefined) return undefined;
  if (value instanceof RedisList || value instanceof RedisSet || value instanceof RedisZset) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/**
 * SORT and SORT_RO (Redis's sortCommandGeneric): options, then the key (a list, set or zset; missing is
 * empty), LIMIT clamped to its length, the elements loaded (only the wanted range when nothing is sorted),
 * weighted and sorted, then replied or stored as a list (an empty result deletes the destination).
 */
export function sortGeneric(client: Client, argv: string[], readonly: boolean): void {
  const options = parseSortOptions(client, argv, readonly);
  if (options === null) return;
  const value = lookupSortable(client, argv[1]);
  if (value === null) return;
  let { alpha, by, dontSort } = options;
  // Unsorted set output depends on the hash table: to store it, Redis sorts it (ALPHA, no BY) instead.
  if (dontSort && value instanceof RedisSet && options.store !== null) {
    dontSort = false;
    alpha = true;
    by = null;
  }
  if (value instanceof RedisZset && value.isListpack) {
    // Redis converts a listpack zset to a skiplist for good before sorting it (OBJECT ENCODING shows it).
    client.db.getForWrite(argv[1]);
    value.fitEncoding(0, 0, 0);
  }
  const length = value === undefined ? 0 : value.size;
  let start = Math.min(Math.max(options.offset, 0), length);
  const count = Math.min(Math.max(options.count, -1), length);
  let end = count < 0 ? length - 1 : start + count - 1;
  if (start >= length) {
    start = length - 1;
    end = length - 2;
  }
  if (end >= length) end = length - 1;

  let elements: string[];
  if (dontSort && (value instanceof RedisList || value instanceof RedisZset)) {
    elements = loadRange(value, start, end, options.desc);
    end -= start;
    start = 0;
  } else {
    elements = loadAll(value);
  }
  const order: number[] = new Array<number>(elements.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (!dontSort) {
    const vector: SortVector = {
      elements,
      scores: new Float64Array(elements.length),
      weights: alpha && by !== null ? new Array<string | null>(elements.length).fill(null) : [],
    };
    if (!loadWeights(client, vector, by, alpha)) {
      client.reply.error(KeysErr.sortScores);
      return;
    }
    const cmp = comparator(vector, alpha, by !== null, options.store !== null, options.desc);
    // Redis sorts in full with the C library's stable merge sort, or partially when BY meets LIMIT.
    if (by !== null && (start !== 0 || end !== order.length - 1)) partialQuicksort(order, cmp, start, end);
    else order.sort(cmp);
  }
  reply(client, options, output(client, elements, order, start, end, options.gets));
}

function reply(client: Client, options: SortOptions, values: (string | null)[]): void {
  if (options.store === null) {
    client.reply.array(values.length);
    for (const v of values) {
      if (v === null) client.reply.nil();
      else client.reply.bulk(v);
    }
    return;
  }
  // Stored: a missing GET value becomes an empty string; db.set/delete signal the destination.
  const db = client.db;
  const store = options.store;
  if (values.length > 0) {
    db.set(store, RedisList.from(values.map((v) => v ?? '')));
    notifyKeyspaceEvent(client, Notify.list, 'sortstore', store);
  } else if (db.deleteStored(store)) {
    // Redis's dbDelete, without a lookup: a destination past its TTL is deleted (`del`), not expired.
    notifyKeyspaceEvent(client, Notify.generic, 'del', store);
  }
  client.reply.integer(values.length);
}
