import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { PROTOCOLS, RedisFixture, transcript, type Protocol } from './differential';
import { redisAvailable, type Command, type RawRedis } from './redis-oracle';

/** A command family's differential suite: hand-written cases and random sequences, run on Drake and on Redis. */
export interface FamilySuite {
  /** The spec file's name, for the warning when redis-server is missing. */
  readonly spec: string;
  readonly title: string;
  /** Steps separated by " ; ", arguments by spaces. */
  readonly cases: readonly string[];
  readonly sequence: fc.Arbitrary<Command[]>;
  /** Random sequences per protocol. */
  readonly runs: number;
  /** Runs a sequence on a fresh Drake and on the Redis fixture (flushed first): every reply of each, in order. */
  run(
    redis: RawRedis,
    seq: readonly Command[],
    protocol: Protocol,
  ): Promise<{ drake: string[]; redis: string[] }>;
}

function parseCase(text: string): Command[] {
  return text.split(' ; ').map((step) => step.split(' '));
}

/** One test per case and protocol, plus the random sequences per protocol: replies compared byte for byte. */
export function describeFamily(suite: FamilySuite): void {
  const describeWithRedis = redisAvailable(suite.spec) ? describe : describe.skip;
  describeWithRedis(suite.title, () => {
    const oracle = new RedisFixture();
    beforeAll(() => oracle.start(), 15_000);
    afterAll(() => oracle.stop());

    const compare = async (seq: readonly Command[], protocol: Protocol): Promise<void> => {
      const { drake, redis } = await suite.run(oracle.redis, seq, protocol);
      expect(transcript(seq, drake)).toEqual(transcript(seq, redis));
    };
    for (const protocol of PROTOCOLS) {
      describe(`RESP${protocol}`, () => {
        test.each(suite.cases.map((c) => [JSON.stringify(c).slice(0, 100), c]))('%s', async (_name, text) => {
          await compare(parseCase(text), protocol);
        });
        test('random sequences', async () => {
          await fc.assert(
            fc.asyncProperty(suite.sequence, (seq) => compare(seq, protocol)),
            { numRuns: suite.runs },
          );
        }, 300_000);
      });
    }
  });
}
