import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';

/**
 * CLIENT REPLY ON|OFF|SKIP. Only ON answers (+OK); the dispatcher drops replies while the mode is OFF and the
 * next command's reply after SKIP. SKIP while OFF keeps OFF.
 */
export const clientReplyCommand = defineCommand({
  name: 'client|reply',
  arity: 3,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Instruct the server whether to reply to commands',
  since: '3.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    // This command may itself be the one a previous SKIP silences. The dispatcher never cuts a CLIENT REPLY's
    // output (it cannot tell it from the SKIP that set the mode), so that case is handled here.
    const skipped = client.replyMode === 'skip';
    const mode = argv[2].toLowerCase();
    if (mode === 'on') {
      client.replyMode = 'on';
      client.reply.ok();
    } else if (mode === 'off') {
      client.replyMode = 'off';
    } else if (mode === 'skip') {
      if (client.replyMode !== 'off') client.replyMode = 'skip';
    } else if (skipped) {
      client.replyMode = 'on';
    } else {
      client.reply.error(Err.syntax);
    }
  },
});
