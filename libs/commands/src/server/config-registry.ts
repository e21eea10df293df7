import { resolve } from 'path';
import type { ConfigStore } from '../server-context';
import type { RegistryParameter } from './config-params';
import { stringParam } from './config-params';
import { createParameters } from './config-table';

export type ConfigListener = (value: string, name: string) => void;

/** drake-server's --log_level values, mapped onto Redis's loglevel words. */
const LOG_LEVELS = new Map([
  ['trace', 'debug'],
  ['debug', 'debug'],
  ['info', 'notice'],
  ['warn', 'warning'],
  ['error', 'warning'],
  ['fatal', 'warning'],
  ['silent', 'warning'],
]);

/**
 * The server's configuration as CONFIG GET/SET see it: Redis 7.0's common parameters with their defaults,
 * validation and error texts, plus start-up values from drake-server's flags. The app subscribes to changes it
 * must act on (requirepass, proto-max-bulk-len, ...) with onChange.
 */
export class ConfigRegistry implements ConfigStore {
  private readonly params: RegistryParameter[] = [];
  /** Every name and alias, lower case. */
  private readonly byName = new Map<string, RegistryParameter>();
  private readonly listeners = new Map<string, ConfigListener[]>();

  constructor(initial: Record<string, string> = {}) {
    for (const param of createParameters()) this.register(param);
    for (const [name, value] of Object.entries(initial)) this.load(name, value);
  }

  lookup(name: string): RegistryParameter | undefined {
    // Internal callers pass lower-case names: no toLowerCase() per call on their paths (XADD reads two per entry).
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  all(): Iterable<RegistryParameter> {
    return this.params;
  }

  /** Calls `listener` after every successful change of the parameter (by its name or an alias). */
  onChange(name: string, listener: ConfigListener): void {
    const param = this.lookup(name);
    if (param === undefined) throw new Error(`unknown config parameter ${name}`);
    const list = this.listeners.get(param.name) ?? [];
    list.push(listener);
    this.listeners.set(param.name, list);
  }

  /**
   * Sets a value from the app, bypassing immutability (start-up flags, or state the app owns such as the port it
   * actually bound). An unknown name becomes a new immutable parameter. Throws on a value the parameter refuses.
   */
  load(name: string, value: string): void {
    let param = this.lookup(name);
    if (param === undefined) {
      param = stringParam(name.toLowerCase(), value, { immutable: true });
      this.register(param);
      return;
    }
    const error = param.load(normalizeFlagValue(param.name, value));
    if (error !== null) throw new Error(`invalid value for config ${name}: ${error}`);
    this.emit(param.name);
  }

  private register(param: RegistryParameter): void {
    // Wrap set so that every path that changes a value (CONFIG SET and its rollback) notifies the listeners.
    const wrapped: RegistryParameter = {
      ...param,
      set: (value: string) => {
        const error = param.set(value);
        if (error === null) this.emit(param.name);
        return error;
      },
    };
    this.params.push(wrapped);
    for (const n of [param.name, ...param.aliases]) this.byName.set(n.toLowerCase(), wrapped);
  }

  private emit(name: string): void {
    const list = this.listeners.get(name);
    if (list === undefined) return;
    const value = this.byName.get(name)?.get() ?? '';
    for (const listener of list) listener(value, name);
  }
}

/** Start-up values come from drake-server flags: a pino log level, a relative directory. */
function normalizeFlagValue(name: string, value: string): string {
  if (name === 'loglevel') return LOG_LEVELS.get(value) ?? value;
  if (name === 'dir') return resolve(value);
  return value;
}
