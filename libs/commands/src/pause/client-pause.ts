import type { Keyspace } from '@drake/storage';
import type { Client } from '../client';
import { hasFlag, type CommandSpec } from '../command-spec';
import { PendingRequest } from '../blocking/pending-request';
import type { BlockingRegistry } from '../blocking/blocking-registry';
import { execRuns } from '../transactions/exec-runs';

/** What CLIENT PAUSE holds back: nothing, the commands that write or may replicate, or every command. */
export type PauseMode = 'off' | 'write' | 'all';

const RANK: Readonly<Record<PauseMode, number>> = { off: 0, write: 1, all: 2 };

/** Longest delay setTimeout takes; a later end is reached in several steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Who paused: CLIENT PAUSE, a SHUTDOWN that waits for its replicas, a FAILOVER (both hold writes until they end), or
 * a MIGRATE talking to its target (holds every command, as Redis blocks meanwhile). Each keeps its own mode and end;
 * CLIENT UNPAUSE ends only the first, as in Redis.
 */
export type PausePurpose = 'client' | 'shutdown' | 'failover' | 'migrate';

interface PauseEvent {
  mode: 'write' | 'all';
  endMs: number;
}

/**
 * Client pause state (Redis 7.0's pauseClients). A client whose command a pause covers is blocked before the
 * command runs (and before MULTI queues it) and its later commands wait behind it; when the pause ends, or gets
 * less strict, each such command runs from the start in the order they arrived, and may meet a pause again.
 * Replication connections are never held back, but a replica holds back what its master sends (see watch).
 * While paused, expired keys are hidden but not deleted, so the dataset stays put for a failover.
 */
export class ClientPause {
  /** The strictest mode of the pauses in force. */
  mode: PauseMode = 'off';
  private readonly events = new Map<PausePurpose, PauseEvent>();
  private timer: NodeJS.Timeout | null = null;
  /** Clients waiting for the pause to end, in the order their commands arrived. */
  private readonly postponed = new Map<Client, PendingRequest>();
  /** Told when a pause starts (true) or ends (false): a replica's link holds its master's stream meanwhile. */
  private readonly listeners = new Set<(paused: boolean) => void>();

  constructor(
    private readonly keyspace: Keyspace,
    private readonly blocking: BlockingRegistry,
  ) {}

  /** Clients whose command waits for the pause to end. */
  get waiting(): number {
    return this.postponed.size;
  }

  /**
   * Pauses until `endMs` (keyspace clock; it ends once the clock is past it). A pause of the same purpose still
   * in force keeps the later end and the stricter mode, as Redis merges two CLIENT PAUSE calls.
   */
  pause(purpose: PausePurpose, endMs: number, mode: 'write' | 'all'): void {
    const before = this.mode;
    const event = this.events.get(purpose);
    if (event === undefined) {
      this.events.set(purpose, { mode, endMs });
    } else {
      if (RANK[mode] > RANK[event.mode]) event.mode = mode;
      event.endMs = Math.max(event.endMs, endMs);
    }
    this.update(before);
  }

  /** Ends the purpose's pause now (CLIENT UNPAUSE, SHUTDOWN ABORT); held commands run if nothing else holds them. */
  unpause(purpose: PausePurpose): void {
    if (!this.events.delete(purpose)) return;
    this.update(this.mode);
  }

  /** Ends the pauses whose time is up (the timer calls this; tests with a fake clock too). */
  readonly expireIfDue = (): void => {
    this.timer = null;
    this.update(this.mode);
  };

  /** True when the pause holds `spec` back for this client. */
  holds(client: Client, spec: CommandSpec): boolean {
    if (client.isMasterLink || client.isReplicaLink) return false;
    return this.mode === 'all' || maySpread(client, spec);
  }

  /**
   * Blocks the client until the pause ends; `argv` runs again from the start then (the transport keeps it).
   * CLIENT UNBLOCK cannot end that wait (Redis 7.0.15 stops on an assertion there).
   */
  postpone(client: Client, spec: CommandSpec, argv: string[]): void {
    // CLIENT LIST shows the held command as the client's current one, as Redis does.
    client.lastCommand = spec.name;
    const request = new PendingRequest();
    this.blocking.block(client, request);
    this.postponed.set(client, request);
    client.transport.postponed(argv);
  }

  /** `listener` hears every start and end of a pause from now on (until unwatch). */
  watch(listener: (paused: boolean) => void): void {
    this.listeners.add(listener);
  }

  unwatch(listener: (paused: boolean) => void): void {
    this.listeners.delete(listener);
  }

  /** The client disconnected: nothing of it is held any more. */
  forget(client: Client): void {
    this.postponed.delete(client);
  }

  /** Drops the pauses whose time is up, sets the mode, and releases held clients when it got less strict. */
  private update(before: PauseMode): void {
    const now = this.keyspace.now();
    let mode: PauseMode = 'off';
    let nextEnd = Infinity;
    for (const [purpose, event] of this.events) {
      if (event.endMs < now) {
        this.events.delete(purpose);
        continue;
      }
      if (RANK[event.mode] > RANK[mode]) mode = event.mode;
      nextEnd = Math.min(nextEnd, event.endMs);
    }
    this.mode = mode;
    this.keyspace.expiryPaused = mode !== 'off';
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (nextEnd !== Infinity) {
      this.timer = setTimeout(this.expireIfDue, Math.min(nextEnd - now + 1, MAX_TIMER_MS));
      this.timer.unref();
    }
    if (RANK[mode] < RANK[before]) this.releaseAll();
    const paused = mode !== 'off';
    if (paused !== (before !== 'off')) for (const listener of this.listeners) listener(paused);
  }

  /** Every held client goes on with its command (it may be held again if a pause still covers it). */
  private releaseAll(): void {
    const held = [...this.postponed];
    this.postponed.clear();
    for (const [client, request] of held) {
      if (client.blocked === request) this.blocking.wake(client);
    }
  }
}

/** A command that writes or may be propagated (PUBLISH, PFCOUNT). */
const spreads = (spec: CommandSpec): boolean => hasFlag(spec, 'write') || hasFlag(spec, 'may_replicate');

/** What a WRITE pause holds back: such a command, or an EXEC holding one (Redis's is_may_replicate_command). */
function maySpread(client: Client, spec: CommandSpec): boolean {
  return execRuns(client, spec, spreads);
}
