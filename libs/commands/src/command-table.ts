import type { CommandSpec } from './command-spec';

/** Every command by lower-case name; COMMAND and the dispatcher read the same table. */
export class CommandTable {
  private readonly byName = new Map<string, CommandSpec>();
  /** Also keyed by the upper-case name, so the common spellings need no toLowerCase() per call. */
  private readonly fast = new Map<string, CommandSpec>();

  constructor(specs: Iterable<CommandSpec>) {
    for (const spec of specs) {
      if (this.byName.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
      this.byName.set(spec.name, spec);
      this.fast.set(spec.name, spec);
      this.fast.set(spec.name.toUpperCase(), spec);
    }
  }

  lookup(name: string): CommandSpec | undefined {
    return this.fast.get(name) ?? this.byName.get(name.toLowerCase());
  }

  get size(): number {
    return this.byName.size;
  }

  all(): IterableIterator<CommandSpec> {
    return this.byName.values();
  }
}

/** Finds a container command's subcommand (`CONFIG GET` → `config|get`). */
export function lookupSubcommand(parent: CommandSpec, sub: string): CommandSpec | undefined {
  const wanted = `${parent.name}|${sub.toLowerCase()}`;
  return parent.subcommands?.find((s) => s.name === wanted);
}
