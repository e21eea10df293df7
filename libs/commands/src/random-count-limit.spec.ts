import { hashCommands } from './hashes';
import { setCommands } from './sets';
import { TestServer } from './testing/test-server';
import { zsetCommands } from './zsets';

/**
 * SRANDMEMBER, HRANDFIELD and ZRANDMEMBER with a negative count repeat picks: their reply is sized by the count
 * alone. Each stops writing once the client's reply writer passes its limit (the connection then drops the client)
 * instead of running the count out (five million picks here, 2^63 in the worst case).
 */
describe('replies sized by a negative count stop at the client limit', () => {
  test.each([
    [
      ['SADD', 'k', 'a', 'b'],
      ['SRANDMEMBER', 'k', '-5000000'],
    ],
    [
      ['HSET', 'k', 'f', 'v'],
      ['HRANDFIELD', 'k', '-5000000'],
    ],
    [
      ['HSET', 'k', 'f', 'v'],
      ['HRANDFIELD', 'k', '-5000000', 'WITHVALUES'],
    ],
    [
      ['ZADD', 'k', '1', 'm'],
      ['ZRANDMEMBER', 'k', '-5000000'],
    ],
    [
      ['ZADD', 'k', '1', 'm'],
      ['ZRANDMEMBER', 'k', '-5000000', 'WITHSCORES'],
    ],
  ])('%j then %j', (make, call) => {
    const c = new TestServer([...setCommands, ...hashCommands, ...zsetCommands]).connect();
    c.run(...make);
    c.reply.limit = () => 64 * 1024;
    const picks = jest.spyOn(Math, 'random');
    try {
      c.run(...call);
      expect(c.reply.overflowed).toBe(true);
      // A few thousand picks fill 64 KB.
      expect(picks.mock.calls.length).toBeLessThan(20_000);
    } finally {
      picks.mockRestore();
    }
  });
});
