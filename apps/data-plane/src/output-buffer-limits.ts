/** One class's `client-output-buffer-limit`: bytes (0 = none) and how long the soft limit may be exceeded. */
export interface OutputLimit {
  readonly hard: number;
  readonly soft: number;
  readonly softSeconds: number;
}

export const NO_OUTPUT_LIMIT: OutputLimit = { hard: 0, soft: 0, softSeconds: 0 };

/** The classes a data-plane client can be in; `replica` bounds each replication flow (the replication layer checks it). */
export interface OutputLimits {
  readonly normal: OutputLimit;
  readonly pubsub: OutputLimit;
  readonly replica: OutputLimit;
}

/**
 * The most one batch of a client's replies may reach before the client is dropped, limit or not: a reply sized by a
 * count the client chose (SRANDMEMBER key -9223372036854775807) must not take all the memory there is. A
 * single value (512 MB at most) fits with room to spare.
 */
export const MAX_REPLY_BATCH_BYTES = 1024 * 1024 * 1024;

/** The bytes a batch of replies may reach under `limit` (its hard limit, checked as the replies are written). */
export function replyBatchLimit(limit: OutputLimit): number {
  return limit.hard > 0 ? Math.min(limit.hard, MAX_REPLY_BATCH_BYTES) : MAX_REPLY_BATCH_BYTES;
}

/**
 * Reads the normal and pubsub classes from the config's normalized value
 * ("normal <hard> <soft> <secs> slave … pubsub …", bytes already resolved by CONFIG SET's parser).
 */
export function parseOutputLimits(value: string): OutputLimits {
  const words = value.split(' ');
  const limits: Record<string, OutputLimit> = {};
  for (let i = 0; i + 3 < words.length; i += 4)
    limits[words[i]] = {
      hard: Number(words[i + 1]),
      soft: Number(words[i + 2]),
      softSeconds: Number(words[i + 3]),
    };
  return {
    normal: limits.normal ?? NO_OUTPUT_LIMIT,
    pubsub: limits.pubsub ?? NO_OUTPUT_LIMIT,
    replica: limits.slave ?? limits.replica ?? NO_OUTPUT_LIMIT,
  };
}

/**
 * Redis's output buffer check for one connection: over the hard limit closes at once; over the soft limit
 * closes once it has stayed over for more than soft-seconds (whole seconds, as Redis counts them).
 */
export class OutputLimitWatch {
  private softSinceSec = 0;

  exceeded(limit: OutputLimit, bytes: number): boolean {
    if (limit.hard > 0 && bytes >= limit.hard) return true;
    if (limit.soft === 0 || bytes < limit.soft) {
      this.softSinceSec = 0;
      return false;
    }
    const now = Math.floor(Date.now() / 1000);
    if (this.softSinceSec === 0) {
      this.softSinceSec = now;
      return false;
    }
    return now - this.softSinceSec > limit.softSeconds;
  }
}
