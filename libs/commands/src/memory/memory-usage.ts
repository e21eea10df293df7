import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { keyBytes, MEMORY_USAGE_SAMPLES, valueBytes } from './value-bytes';

/**
 * MEMORY USAGE key [SAMPLES count]: the estimated bytes of the key and its value (see value-bytes.ts), or nil. As
 * Redis, it finds the key without expiring it or counting a hit or miss, and SAMPLES 0 measures every element.
 */
export const memoryUsageCommand = defineCommand({
  name: 'memory|usage',
  arity: -3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['read', 'slow'],
  group: 'server',
  summary: 'Estimate the memory usage of a key',
  since: '4.0.0',
  complexity: 'O(N) where N is the number of samples.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    let samples = MEMORY_USAGE_SAMPLES;
    for (let j = 3; j < argv.length; j++) {
      if (argv[j].toLowerCase() !== 'samples' || j + 1 >= argv.length) {
        reply.error(Err.syntax);
        return;
      }
      const n = parseI64(argv[++j]);
      if (n === null) {
        reply.error(Err.notInteger);
        return;
      }
      if (n < 0n) {
        reply.error(Err.syntax);
        return;
      }
      samples = n === 0n ? Infinity : Number(n);
    }
    const key = argv[2];
    const value = client.db.storedValue(key);
    if (value === undefined) {
      reply.nil();
      return;
    }
    reply.integer(keyBytes(key, client.db.getExpire(key) !== -1) + valueBytes(value, samples));
  },
});
