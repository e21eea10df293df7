import type { ServerContext } from '../server-context';
import { readConfigNumber } from '../server/config-number';

/**
 * Keeps the tracking table within tracking-table-max-keys. Redis runs it before each command and in serverCron
 * while some client tracks; both places call this.
 */
export function limitTrackingTable(server: ServerContext): void {
  server.tracking.limit(readConfigNumber(server.config, 'tracking-table-max-keys', 1_000_000));
}
