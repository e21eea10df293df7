import type { CommandSpec } from '../command-spec';
import { memoryCommand } from './memory-command';

export const memoryCommands: readonly CommandSpec[] = [memoryCommand];
export { Eviction, type EvictionResult } from './eviction';
