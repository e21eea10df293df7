import type { Client } from '../client';

/**
 * Writes a HELP reply the way Redis's addReplyHelp does: a title line, the given lines, then the HELP entry every
 * container command documents, all as simple strings.
 */
export function replyHelp(client: Client, command: string, lines: readonly string[]): void {
  const reply = client.reply;
  reply.array(lines.length + 3);
  reply.simple(`${command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`);
  for (const line of lines) reply.simple(line);
  reply.simple('HELP');
  reply.simple('    Prints this help.');
}
