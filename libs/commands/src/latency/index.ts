import type { CommandSpec } from '../command-spec';
import { latencyCommand } from './latency-command';

export { LatencyMonitor } from './latency-monitor';
export const latencyCommands: readonly CommandSpec[] = [latencyCommand];
