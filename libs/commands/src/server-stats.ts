import type { CallStats } from './command-timing';
import { ErrorStats } from './error-stats';
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
  fullSyncs = 0;
  partialSyncs = 0;
  partialSyncErrors = 0;
  readonly commandCalls = new Map<string, CallStats>();
  readonly latency = new LatencyMonitor();
  readonly errors = new ErrorStats();

  reset(): void {
    this.commandsProcessed = 0;
    this.connectionsReceived = 0;
    this.rejectedConnections = 0;
    this.keyspaceHits = 0;
    this.keyspaceMisses = 0;
    this.netInputBytes = 0;
    this.netOutputBytes = 0;
    this.fullSyncs = 0;
    this.partialSyncs = 0;
    this.partialSyncErrors = 0;
    this.commandCalls.clear();
    this.errors.reset();
  }
}
