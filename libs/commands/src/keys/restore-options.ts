import { parseI64 } from '../args';
import { Err } from '../errors';
import { KeysErr } from './errors';

export interface RestoreOptions {
  replace: boolean;
  absttl: boolean;
  /** IDLETIME seconds, or -1: the key's last access under an LRU policy. */
  idleTime: number;
  /** FREQ counter, or -1: the key's LFU counter under an LFU policy. */
  freq: number;
}

function eq(a: string, lower: string): boolean {
  return a.length === lower.length && a.toLowerCase() === lower;
}

/**
 * Parses RESTORE's `argv[4..]`: REPLACE, ABSTTL, IDLETIME s, FREQ n (IDLETIME and FREQ exclude each other:
 * the second one is a syntax error). Returns the options or the error text.
 */
export function parseRestoreOptions(argv: readonly string[]): RestoreOptions | string {
  const options: RestoreOptions = { replace: false, absttl: false, idleTime: -1, freq: -1 };
  for (let j = 4; j < argv.length; j++) {
    const opt = argv[j];
    const hasValue = j + 1 < argv.length;
    if (eq(opt, 'replace')) {
      options.replace = true;
    } else if (eq(opt, 'absttl')) {
      options.absttl = true;
    } else if (eq(opt, 'idletime') && hasValue && options.freq === -1) {
      const idle = parseI64(argv[++j]);
      if (idle === null) return Err.notInteger;
      if (idle < 0n) return KeysErr.invalidIdleTime;
      options.idleTime = Number(idle);
    } else if (eq(opt, 'freq') && hasValue && options.idleTime === -1) {
      const freq = parseI64(argv[++j]);
      if (freq === null) return Err.notInteger;
      if (freq < 0n || freq > 255n) return KeysErr.invalidFreq;
      options.freq = Number(freq);
    } else {
      return Err.syntax;
    }
  }
  return options;
}
