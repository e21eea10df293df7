import {
  type SizeModel,
  MAX_ID,
  MIN_ID,
  RedisHash,
  RedisList,
  RedisSet,
  RedisStream,
  RedisZset,
  type Value,
} from '@drake/storage';

/**
 * Estimates of what Drake's heap holds for a key (MEMORY USAGE), from V8's layouts on a 64-bit build: Redis's
 * objectComputeSize measures its own allocations, so the two servers' figures are alike in scale, not equal.
 */
export const POINTER = 8;
/** A one-byte (latin1) string: map, hash and length fields, then its bytes, in 8-byte steps. */
const STRING_HEADER = 16;
/** One entry of a JS Map: key, value and chain slots, plus its share of the bucket array. */
export const MAP_ENTRY = 3 * POINTER + POINTER / 2;
/** Elements a collection is sampled with when SAMPLES is not given (Redis's OBJ_COMPUTE_SIZE_DEF_SAMPLES). */
export const MEMORY_USAGE_SAMPLES = 5;
/** A small object (the collection itself, a chunk or tree node header). */
const OBJECT = 64;

export function stringBytes(s: string): number {
  return STRING_HEADER + Math.ceil(s.length / POINTER) * POINTER;
}

/** The key's own cost in its segment: the key string and its Map entry, and a TTL entry when it has one. */
export function keyBytes(key: string, hasTtl: boolean): number {
  return stringBytes(key) + MAP_ENTRY + (hasTtl ? MAP_ENTRY + POINTER : 0);
}

/**
 * The value's bytes. Collections are sampled as Redis does: the first `samples` elements are measured and their
 * average is scaled to the whole (samples >= the size measures everything).
 */
export function valueBytes(value: Value, samples: number): number {
  if (typeof value === 'string') return stringBytes(value);
  if (value instanceof RedisList) return OBJECT + sampled(value.size, samples, (i) => listItem(value, i));
  if (value instanceof RedisSet) {
    const members = value.members();
    return OBJECT + sampled(members.length, samples, (i) => stringBytes(members[i]) + POINTER + MAP_ENTRY);
  }
  if (value instanceof RedisHash) {
    const fields = value.fields();
    const values = value.values();
    const pair = (i: number): number =>
      stringBytes(fields[i]) + stringBytes(values[i]) + 2 * POINTER + MAP_ENTRY;
    return OBJECT + sampled(fields.length, samples, pair);
  }
  if (value instanceof RedisZset) return OBJECT + zsetBytes(value, samples);
  if (value instanceof RedisStream) return OBJECT + streamBytes(value, samples);
  return OBJECT;
}

function listItem(list: RedisList, index: number): number {
  return stringBytes(list.at(index) as string) + POINTER;
}

function zsetBytes(zset: RedisZset, samples: number): number {
  const cursor = zset.first;
  if (cursor === null) return 0;
  let measured = 0;
  let seen = 0;
  do {
    // The member's slot in the tree, its score and its entry in the member → slot Map.
    measured += stringBytes(cursor.member) + POINTER + 8 + MAP_ENTRY;
    seen++;
  } while (seen < samples && cursor.next());
  return Math.round((measured / seen) * zset.size);
}

function streamBytes(stream: RedisStream, samples: number): number {
  const cursor = stream.cursor(MIN_ID, MAX_ID, false);
  let measured = 0;
  let seen = 0;
  for (let entry = cursor.next(); entry !== undefined && seen < samples; entry = cursor.next()) {
    // The ID (two 64-bit halves) and each field and value, as the node packs them.
    measured += 16;
    for (const part of entry.pairs) measured += stringBytes(part);
    seen++;
  }
  const entries = seen === 0 ? 0 : Math.round((measured / seen) * stream.size);
  let groups = 0;
  for (const group of stream.groups()) groups += OBJECT + stringBytes(group.name) + group.pel.size * OBJECT;
  return entries + stream.nodeCount * OBJECT + groups;
}

/** Average of `measure(i)` over the first min(size, samples) elements, times size. */
function sampled(size: number, samples: number, measure: (i: number) => number): number {
  const n = Math.min(size, samples);
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += measure(i);
  return Math.round((total / n) * size);
}

/** The dataset meter's model (maxmemory): each key as MEMORY USAGE counts it without its TTL, values sampled. */
export const sizeModel: SizeModel = {
  keyBytes: (key) => keyBytes(key, false),
  valueBytes: (value) => valueBytes(value, MEMORY_USAGE_SAMPLES),
};
