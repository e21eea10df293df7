import type { Database, Value } from '@drake/storage';
import { typeName } from '@drake/storage';
import type { Client } from '../client';
import { parseI64 } from '../args';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { globMatch } from '../glob';
import { KeysErr } from './errors';
import { parseScanCursor } from './scan-cursor';

interface ScanOptions {
  count: number;
  /** null: every key ('*' is treated as no pattern). */
  pattern: string | null;
  /** Lower-case type name, or null for every type. */
  type: string | null;
}

function eq(a: string, lower: string): boolean {
  return a.length === lower.length && a.toLowerCase() === lower;
}

/** Parses `argv[2..]`: COUNT n (>= 1), MATCH pattern, TYPE name, each repeatable (the last wins). */
function parseScanOptions(argv: readonly string[], reply: Client['reply']): ScanOptions | null {
  const options: ScanOptions = { count: 10, pattern: null, type: null };
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i];
    const hasValue = i + 1 < argv.length;
    if (hasValue && eq(opt, 'count')) {
      const count = parseI64(argv[i + 1]);
      if (count === null) {
        reply.error(Err.notInteger);
        return null;
      }
      if (count < 1n) {
        reply.error(Err.syntax);
        return null;
      }
      options.count = Number(count);
    } else if (hasValue && eq(opt, 'match')) {
      options.pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else if (hasValue && eq(opt, 'type')) {
      options.type = argv[i + 1].toLowerCase();
    } else {
      reply.error(Err.syntax);
      return null;
    }
  }
  return options;
}

/** One batch's keys and values; module-level so SCAN needs no closure per call (scan() is synchronous). */
const batchKeys: string[] = [];
const batchValues: Value[] = [];

function collect(key: string, value: Value): void {
  batchKeys.push(key);
  batchValues.push(value);
}

/** Keeps the keys that pass MATCH, TYPE and are still live; the rest of the batch is dropped, as Redis does. */
function filterBatch(db: Database, keys: string[], values: Value[], options: ScanOptions): string[] {
  const kept: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (options.pattern !== null && !globMatch(options.pattern, key)) continue;
    if (options.type !== null && typeName(values[i]) !== options.type) continue;
    if (!db.has(key)) continue;
    kept.push(key);
  }
  return kept;
}

export const scanCommand = defineCommand({
  name: 'scan',
  arity: -2,
  flags: ['readonly'],
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Incrementally iterate the keys space',
  since: '2.8.0',
  complexity:
    'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const cursor = parseScanCursor(argv[1]);
    if (cursor === null) {
      reply.error(KeysErr.invalidCursor);
      return;
    }
    const options = parseScanOptions(argv, reply);
    if (options === null) return;
    // Collect first, filter after: expiring a key inside the visit would change the segment being walked.
    const db = client.db;
    batchKeys.length = 0;
    batchValues.length = 0;
    const next = db.scan(cursor, options.count, collect);
    const kept = filterBatch(db, batchKeys, batchValues, options);
    batchKeys.length = 0;
    batchValues.length = 0;
    reply.array(2);
    reply.bulk(String(next));
    reply.bulkArray(kept);
  },
});
