import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import {
  HLL_DENSE_SIZE,
  HLL_HDR_SIZE,
  HLL_P,
  HLL_REGISTER_MAX,
  HLL_REGISTERS,
  HLL_SPARSE,
  Hll,
  getRegister,
  setRegister,
} from './hll-format';
import { sparseMaxBytes } from './hll-lookup';
import { denseSet, hllAddPattern, hllCount, patternOfLastHash } from './hll-ops';
import { HLL_SEED, murmurHash64AWord } from './murmur-hash';

const REGISTER_CYCLES = 1000;
const ELEMENTS = 10_000_000;

/**
 * PFSELFTEST: Redis's self-test of the HLL code, same steps: random register writes read back, then 10M
 * distinct elements added to a dense and a sparse HLL side by side, which must agree and stay within 6
 * standard errors at each power of ten. Takes a few seconds, like Redis's.
 */
export const pfselftestCommand = defineCommand({
  name: 'pfselftest',
  arity: 1,
  flags: ['admin'],
  categories: ['hyperloglog', 'admin', 'slow', 'dangerous'],
  group: 'hyperloglog',
  summary: 'An internal command for testing HyperLogLog values',
  since: '2.8.9',
  complexity: 'N/A',
  execute(client: Client): void {
    const failure = testRegisters() ?? testEstimates(sparseMaxBytes(client));
    if (failure === null) client.reply.ok();
    else client.reply.error(`ERR TESTFAILED ${failure}`);
  },
});

/** Bound once: looking `Math` up per call is slow in some embeddings (Jest's vm contexts). */
const random = Math.random;

function testRegisters(): string | null {
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  const expected = new Uint8Array(HLL_REGISTERS);
  for (let cycle = 0; cycle < REGISTER_CYCLES; cycle++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = (random() * 256) & HLL_REGISTER_MAX;
      expected[i] = r;
      setRegister(dense, HLL_HDR_SIZE, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const got = getRegister(dense, HLL_HDR_SIZE, i);
      if (got !== expected[i]) return `Register ${i} should be ${expected[i]} but is ${got}`;
    }
  }
  return null;
}

function testEstimates(maxBytes: number): string | null {
  const dense = new Hll(new Uint8Array(HLL_DENSE_SIZE + 1), HLL_DENSE_SIZE);
  const sparse = Hll.create();
  const relativeError = 1.04 / Math.sqrt(HLL_REGISTERS);
  const seedHi = Math.floor(Math.random() * 2 ** 32);
  const seedLo = Math.floor(Math.random() * 2 ** 32);
  let checkpoint = 1;
  for (let j = 1; j <= ELEMENTS; j++) {
    // The element is the 8 bytes of the uint64 j ^ seed.
    murmurHash64AWord(seedHi, (j ^ seedLo) >>> 0, HLL_SEED);
    const pattern = patternOfLastHash();
    denseSet(dense, pattern & (HLL_REGISTERS - 1), pattern >>> HLL_P);
    hllAddPattern(sparse, pattern, maxBytes);
    if (j !== checkpoint) continue;
    if (j < maxBytes / 2 && sparse.encoding !== HLL_SPARSE) return 'sparse encoding not used';
    const estimate = hllCount(dense);
    if (estimate !== hllCount(sparse)) return 'dense/sparse disagree';
    const maxError = j === 10 ? 1 : Math.ceil(relativeError * 6 * checkpoint);
    const error = Math.abs(checkpoint - estimate);
    if (error > maxError) return `Too big error. card:${checkpoint} abserr:${error}`;
    checkpoint *= 10;
  }
  return null;
}
