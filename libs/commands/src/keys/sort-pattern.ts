import { RedisHash } from '@drake/storage';
import type { Client } from '../client';
import { lookupRead } from './lookup';
import { cIndexOf } from './sort-options';

/**
 * Redis's lookupKeyByPattern for SORT's BY and GET: "#" is the element itself; otherwise the first '*' is
 * replaced by the element to name a key, whose string value is the answer, or, with "->field" after the
 * '*', the field of the hash at that key. Anything else (no '*', a missing key, another type, a missing
 * field) is null. The pattern is searched as a C string (up to its first NUL) but copied whole, as Redis
 * does with strchr/strstr on an sds. Lookups count keyspace hits and misses.
 */
export function lookupByPattern(client: Client, pattern: string, element: string): string | null {
  if (pattern[0] === '#' && (pattern.length === 1 || pattern[1] === '\0')) return element;
  const star = cIndexOf(pattern, '*');
  if (star < 0) return null;
  const arrow = cIndexOf(pattern, '->', star + 1);
  // "->" must be followed by a field name (a first byte that is not NUL).
  const hasField = arrow >= 0 && arrow + 2 < pattern.length && pattern[arrow + 2] !== '\0';
  const key = pattern.slice(0, star) + element + pattern.slice(star + 1, hasField ? arrow : pattern.length);
  const value = lookupRead(client, key);
  if (value === undefined) return null;
  if (hasField) return value instanceof RedisHash ? (value.get(pattern.slice(arrow + 2)) ?? null) : null;
  return typeof value === 'string' ? value : null;
}
