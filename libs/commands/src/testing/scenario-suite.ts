import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allCommands } from '../all-commands';
import { PROTOCOLS, RedisFixture, type Protocol } from './differential';
import { drakeTranscript, redisTranscript, type Step } from './multi-client';
import { redisAvailable } from './redis-oracle';

/**
 * A differential suite of multi-client scenarios: one test per scenario and protocol, each running the scenario on
 * a redis-server and on an in-process Drake and requiring equal transcripts. Skipped when redis-server is missing.
 */
export function describeScenarios(
  spec: string,
  title: string,
  scenarios: Record<string, Step[]>,
  protocols: readonly Protocol[] = PROTOCOLS,
): void {
  const describeWithRedis = redisAvailable(spec) ? describe : describe.skip;
  describeWithRedis(title, () => {
    const fixture = new RedisFixture();
    beforeAll(() => fixture.start());
    afterAll(() => fixture.stop());

    for (const protocol of protocols) {
      for (const [name, steps] of Object.entries(scenarios)) {
        const label = protocols.length === 1 ? name : `RESP${protocol}: ${name}`;
        it(label, async () => {
          const redis = await redisTranscript(fixture.redis, protocol, steps);
          const drake = await drakeTranscript(allCommands, protocol, steps);
          expect(drake).toEqual(redis);
        });
      }
    }
  });
}
