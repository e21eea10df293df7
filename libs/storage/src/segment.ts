import type { StringEncoding, Value } from './value';

/**
 * One dash-table segment: a bounded Map of entries and a Map of absolute expiry times (ms) for the entries that
 * have one. `localDepth` is how many low hash bits all its keys share; `version` is the snapshot stamp a
 * point-in-time serializer compares against (DESIGN §3).
 */
export class Segment {
  /** Replaced, not edited, when the segment splits (see DashTable.split). */
  entries = new Map<string, Value>();
  expires = new Map<string, number>();
  version = 0;
  /** ms of the last write (OBJECT IDLETIME approximates a key's idle time by its segment's). */
  lastWriteMs = 0;
  /**
   * Strings whose Redis encoding is not the one their content implies: edited in place (APPEND, SETRANGE → raw)
   * or built from a number (INCRBYFLOAT → embstr). OBJECT ENCODING reads it; any write of the key clears it.
   */
  encodings: Map<string, StringEncoding> | null = null;

  constructor(public localDepth: number) {}
}
