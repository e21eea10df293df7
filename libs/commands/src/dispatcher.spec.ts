import { defineCommand } from './command-spec';
import { TestServer } from './testing/test-server';

const broken = defineCommand({
  name: 'broken',
  arity: 1,
  flags: [],
  group: 'server',
  summary: 'throws after writing half a reply',
  execute(client) {
    client.reply.array(2);
    throw new Error('boom\r\nline');
  },
});
const ping = defineCommand({
  name: 'ping',
  arity: 1,
  flags: ['fast'],
  group: 'connection',
  summary: 'pong',
  execute(client) {
    client.reply.simple('PONG');
  },
});

describe('dispatch', () => {
  it('turns a throwing command into an error reply and keeps serving', () => {
    const client = new TestServer([broken, ping]).connect();
    expect(client.run('BROKEN')).toBe("-ERR internal error in 'broken': boom  line\r\n");
    expect(client.run('PING')).toBe('+PONG\r\n');
  });

  it('reports unknown commands and arity before running anything', () => {
    const client = new TestServer([ping]).connect();
    expect(client.run('NOPE', 'a')).toBe("-ERR unknown command 'NOPE', with args beginning with: 'a' \r\n");
    expect(client.run('PING', 'x')).toBe("-ERR wrong number of arguments for 'ping' command\r\n");
  });
});
