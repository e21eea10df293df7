import type { ConfigStore } from '@drake/commands';
import type { ReplicationMaster } from '../master/replication-master';
import type { ReplicationManager } from '../replication-manager';

/**
 * INFO replication with Redis 7.0's fields in its order (DESIGN §7); Sentinel parses these lines. `backlogBytes`
 * is the rings' bound summed over the shards, as Redis reports the size of its one backlog.
 */
export function replicationInfo(
  manager: ReplicationManager,
  config: ConfigStore,
  backlogBytes: number,
): string {
  const now = Date.now();
  const lines: string[] = [];
  const link = manager.link;
  const master = manager.master;
  if (link === null) {
    lines.push('role:master');
  } else {
    const up = link.state === 'connected';
    lines.push(
      'role:slave',
      `master_host:${link.host}`,
      `master_port:${link.port}`,
      `master_link_status:${up ? 'up' : 'down'}`,
      `master_last_io_seconds_ago:${link.lastIoSecondsAgo(now)}`,
      `master_sync_in_progress:${link.state === 'sync' ? 1 : 0}`,
      `slave_read_repl_offset:${link.readOffset}`,
      `slave_repl_offset:${link.offset}`,
    );
    if (link.state === 'sync') {
      // The snapshot's size is not known ahead (it is streamed, not a file): total and left stay 0 as in a diskless load.
      lines.push(
        'master_sync_total_bytes:-1',
        `master_sync_read_bytes:${link.syncReadBytes}`,
        'master_sync_left_bytes:-1',
        'master_sync_perc:0.00',
        `master_sync_last_io_seconds_ago:${link.lastIoSecondsAgo(now)}`,
      );
    }
    if (!up) lines.push(`master_link_down_since_seconds:${Math.floor((now - link.linkDownSinceMs) / 1000)}`);
    // Sentinel reads these two: a priority of 0 keeps it from promoting this replica.
    const priority = config.lookup('replica-priority')?.get() ?? '100';
    const announced = config.lookup('replica-announced')?.get() === 'no' ? 0 : 1;
    const readOnly = config.lookup('replica-read-only')?.get() === 'no' ? 0 : 1;
    lines.push(`slave_priority:${priority}`, `slave_read_only:${readOnly}`, `replica_announced:${announced}`);
  }
  const replicas = master.replicas();
  lines.push(`connected_slaves:${replicas.length}`);
  if (manager.goodReplicas !== null) lines.push(`min_slaves_good_slaves:${manager.goodReplicas}`);
  replicas.forEach((r, i) => {
    lines.push(`slave${i}:ip=${r.ip},port=${r.port},state=${r.state},offset=${r.offset},lag=${r.ackAge}`);
  });
  const offset = link === null ? master.offset : link.offset;
  lines.push(
    `master_failover_state:${manager.failover.state}`,
    `master_replid:${link === null ? master.replid : link.masterReplid || master.replid}`,
    `master_replid2:${master.replid2}`,
    `master_repl_offset:${offset}`,
    `second_repl_offset:${master.secondOffset}`,
    ...backlogLines(master, backlogBytes),
  );
  return lines.join('\r\n');
}

/**
 * The repl_backlog_* lines. Offsets count journal records (as master_repl_offset does), so histlen is the records
 * the rings hold and, as in Redis, first_byte_offset = journal offset - histlen + 1 (offset + 1 while empty, 0
 * with no journal).
 */
function backlogLines(master: ReplicationMaster, backlogBytes: number): string[] {
  const active = master.hasJournal;
  const held = master.backlogRecords;
  return [
    `repl_backlog_active:${active ? 1 : 0}`,
    `repl_backlog_size:${backlogBytes}`,
    `repl_backlog_first_byte_offset:${active ? master.offset - held + 1 : 0}`,
    `repl_backlog_histlen:${held}`,
  ];
}
