import type { CallStats } from './command-timing';
import { ErrorStats } from './error-stats';
import { InstantaneousMetric } from './instantaneous-metric';
import { LatencyMonitor } from './latency/latency-monitor';
import type { ServerStats } from './server-context';

/** The counters INFO stats and INFO commandstats report; CONFIG RESETSTAT zeroes them. */
export class Stats implements ServerStats {
  commandsProcessed = 0;
  connectionsReceived = 0;
  rejectedConnections = 0;
  keyspaceHits = 0;
  keyspaceMisses = 0;
  netInputBytes = 0;
  netOutputBytes = 0;
  netReplInputBytes = 0;
  netReplOutputBytes = 0;
  readsProcessed = 0;
  writesProcessed = 0;
  fullSyncs = 0;
  partialSyncs = 0;
  partialSyncErrors = 0;
  readonly commandCalls = new Map<string, CallStats>();
  readonly latency = new LatencyMonitor();
  readonly errors = new ErrorStats();
  /** Sampled rates: commands, client bytes in and out, replication bytes in and out. */
  readonly rates = {
    commands: new InstantaneousMetric(Date.now()),
    netInput: new InstantaneousMetric(Date.now()),
    netOutput: new InstantaneousMetric(Date.now()),
    replInput: new InstantaneousMetric(Date.now()),
    replOutput: new InstantaneousMetric(Date.now()),
  };

  /** Takes one sample of each rate (every 100 ms, as Redis's serverCron). */
  sampleRates(nowMs: number): void {
    const r = this.rates;
    r.commands.track(this.commandsProcessed, nowMs);
    r.netInput.track(this.netInputBytes, nowMs);
    r.netOutput.track(this.netOutputBytes, nowMs);
    r.replInput.track(this.netReplInputBytes, nowMs);
    r.replOutput.track(this.netReplOutputBytes, nowMs);
  }

  reset(): void {
    this.commandsProcessed = 0;
    this.connectionsReceived = 0;
    this.rejectedConnections = 0;
    this.keyspaceHits = 0;
    this.keyspaceMisses = 0;
    this.netInputBytes = 0;
    this.netOutputBytes = 0;
    this.netReplInputBytes = 0;
    this.netReplOutputBytes = 0;
    this.readsProcessed = 0;
    this.writesProcessed = 0;
    this.fullSyncs = 0;
    this.partialSyncs = 0;
    this.partialSyncErrors = 0;
    this.commandCalls.clear();
    const now = Date.now();
    for (const rate of Object.values(this.rates)) rate.reset(now);
    this.errors.reset();
  }
}
