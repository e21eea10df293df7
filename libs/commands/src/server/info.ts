import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import type { ServerContext } from '../server-context';
import { formatExternalSection, formatSection } from './info-format';
import { SECTIONS } from './info-sections';

/** Which sections a request names: none means "default"; "all"/"everything" take every one. */
function selectSections(argv: readonly string[]): (name: string, inDefault: boolean) => boolean {
  const wanted = new Set<string>();
  for (let i = 1; i < argv.length; i++) wanted.add(argv[i].toLowerCase());
  if (wanted.size === 0) wanted.add('default');
  const all = wanted.has('all') || wanted.has('everything');
  const defaults = wanted.has('default');
  return (name, inDefault) => all || (defaults && inDefault) || wanted.has(name);
}

/**
 * The INFO text: the chosen sections in Redis's order, separated by an empty line. A section the app supplies in
 * infoSections replaces the built-in one; app sections Redis does not have come before keyspace.
 */
export function infoText(server: ServerContext, argv: readonly string[]): string {
  const selected = selectSections(argv);
  const parts: string[] = [];
  const emit = (name: string, title: string, build: () => string[]): void => {
    const external = server.infoSections.get(name);
    parts.push(
      external === undefined ? formatSection(title, build()) : formatExternalSection(title, external()),
    );
  };
  for (const section of SECTIONS) {
    if (section.name === 'keyspace') {
      for (const name of server.infoSections.keys()) {
        if (SECTIONS.some((s) => s.name === name) || !selected(name, true)) continue;
        emit(name, name[0].toUpperCase() + name.slice(1), () => []);
      }
    }
    if (selected(section.name, section.inDefault))
      emit(section.name, section.title, () => section.build(server));
  }
  return parts.join('\r\n');
}

export const infoCommand = defineCommand({
  name: 'info',
  arity: -1,
  flags: ['loading', 'stale'],
  categories: ['slow', 'dangerous'],
  group: 'server',
  summary: 'Get information and statistics about the server',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    client.reply.verbatim(infoText(client.server, argv), 'txt');
  },
});
