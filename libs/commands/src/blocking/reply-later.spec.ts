import { allCommands } from '../all-commands';
import { TestServer } from '../testing/test-server';
import { replyLater } from './reply-later';

describe('replyLater', () => {
  it('parks the client until answered, and CLIENT UNBLOCK cannot end the wait', () => {
    const server = new TestServer(allCommands);
    const waiting = server.connect();
    const other = server.connect();
    const answer = replyLater(waiting);
    expect(waiting.blocked).not.toBeNull();
    expect(other.run('CLIENT', 'UNBLOCK', String(waiting.id))).toBe(':0\r\n');
    expect(waiting.blocked).not.toBeNull();
    answer((c) => c.reply.ok());
    expect(waiting.blocked).toBeNull();
    expect(waiting.reply.take()?.toString('latin1')).toBe('+OK\r\n');
    // A second answer changes nothing.
    answer((c) => c.reply.ok());
    expect(waiting.reply.take()).toBeNull();
  });
});
