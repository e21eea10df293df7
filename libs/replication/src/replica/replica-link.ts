import {
  beginBatch,
  Client,
  endBatch,
  type ClientTransport,
  type LoadProgress,
  type ServerContext,
} from '@drake/commands';
import { Journal, JournalDecoder, SNAPSHOT_SET_COMMAND, type JournalRecord } from '@drake/journal';
import { FlowApplier } from '../flow-applier';
import type { RespReply } from '../resp-reply-reader';
import { applyMasterCommand, applySnapshotRecord, applySnapshotSet } from './apply-master-command';
import { MasterConnection } from './master-connection';

/** ROLE's replica states (Redis's names). */
export type LinkState = 'connect' | 'connecting' | 'sync' | 'connected';

export interface ReplicaOptions {
  masterAuth: string;
  masterUser: string;
  /** Our data port, announced with REPLCONF listening-port. */
  listeningPort: () => number;
  announceIp: string;
  ackIntervalMs: number;
  connectTimeoutMs: number;
  /** Longest wait between reconnection attempts; the wait doubles from 100 ms up to it. */
  reconnectMaxMs: number;
  /** This node's own replication id: a master answering with it is this node. */
  ownReplid: () => string;
  /** Journal ring size of the mirror journal (--shard_repl_backlog_max_bytes). */
  backlogBytes: number;
  /** Told after every change of `state`. */
  onStateChange: () => void;
}

/** Where a node that was a master (or a replica of another) stands: it may resume from there by partial sync. */
export interface ResumePoint {
  readonly replid: string;
  readonly lsns: readonly number[];
}

/** Records between ACKs when the interval has not elapsed (DESIGN §4). */
const ACK_EVERY_RECORDS = 1024;

/**
 * The master link as a client of this node (CLIENT LIST flag M, TYPE master): replies to applied commands go
 * nowhere, its addresses are the control connection's, and killing it (CLIENT KILL) breaks the link, which then
 * resumes by partial sync as in Redis.
 */
class LinkTransport implements ClientTransport {
  remoteAddress = '';
  localAddress = '';
  readonly unixSocket = false;
  constructor(private readonly onKill: () => void) {}
  readonly fd = -1;
  readonly queryBufferBytes = 0;
  readonly outputBufferBytes = 0;
  closeAfterReply(): void {}
  kill(): void {
    this.onKill();
  }
  scheduleFlush(): void {}
  updateParser(): void {}
  unblocked(): void {}
  /** Never called: a client pause does not hold the master link back. */
  postponed(): void {}
}

class SelfReplicationError extends Error {}

/**
 * The replica end of Drake replication (DESIGN §4): handshake on a control connection, one flow connection per
 * master shard, full sync (snapshot + journal, then STARTSTABLE) or partial sync from the LSNs it applied,
 * periodic ACKs, and reconnection forever with back-off whenever anything breaks.
 */
export class ReplicaLink implements LoadProgress {
  private linkState: LinkState = 'connect';
  /** The master's replication id from the last handshake ('' before one). */
  masterReplid = '';
  linkDownSinceMs: number = Date.now();
  fullSyncs = 0;
  partialSyncs = 0;
  reconnects = 0;
  /** The master's id for our current session (DFLY TAKEOVER names it). */
  private syncId = '';
  /** Bytes received during the running full sync (INFO master_sync_read_bytes). */
  syncReadBytes = 0;
  /** When the running (or last) full sync began, Unix ms. */
  loadStartedAtMs = 0;
  private applier: FlowApplier | null = null;
  private control: MasterConnection | null = null;
  private flows: MasterConnection[] = [];
  private readonly masterClient: Client;
  private readonly linkTransport: LinkTransport;
  private stopped = false;
  private retryMs = 100;
  private retryTimer: NodeJS.Timeout | null = null;
  private ackTimer: NodeJS.Timeout | null = null;
  private recordsSinceAck: number[] = [];
  /** Bumped on every teardown, so callbacks of an older attempt do nothing. */
  private epoch = 0;

  constructor(
    private readonly server: ServerContext,
    readonly host: string,
    readonly port: number,
    private readonly options: ReplicaOptions,
    resume: ResumePoint | null = null,
  ) {
    this.linkTransport = new LinkTransport(this.killedByClient);
    this.masterClient = new Client(server.allocateClientId(), server, this.linkTransport);
    this.masterClient.reply.onError = server.stats.errors.countUnexpected;
    this.masterClient.isMasterLink = true;
    // The master's stream is trusted as Redis trusts its master client: requirepass gates this node's own clients.
    this.masterClient.authenticated = true;
    server.pause.watch(this.onPause);
    if (resume !== null && resume.lsns.length > 0) {
      // Our own history so far: a master that continued it lets us resume without a full sync.
      this.masterReplid = resume.replid;
      this.applier = this.newApplier(resume.lsns.length, resume.lsns);
      this.masterClient.propagates = this.server.journal === null;
    }
  }

  get state(): LinkState {
    return this.linkState;
  }

  /**
   * A full sync replaces the dataset: while the state is 'sync', clients get -LOADING instead of a part of the
   * snapshot. Any other state ends the load (a broken sync too, as in Dragonfly: what arrived is then served).
   */
  private set state(state: LinkState) {
    this.linkState = state;
    this.listMasterClient(state === 'connected');
    if (state === 'sync') {
      this.loadStartedAtMs = Date.now();
      this.server.loading = this;
    } else if (this.server.loading === this) {
      this.server.loading = null;
    }
    this.options.onStateChange();
  }

  /**
   * The master link is one of this node's clients while it is up, as Redis's master client (which appears once
   * the sync is done); the id stays across reconnections, as Redis's cached master keeps its own.
   */
  private listMasterClient(up: boolean): void {
    const clients = this.server.clients;
    const client = this.masterClient;
    if (!up) {
      if (clients.get(client.id) === client) clients.delete(client.id);
      return;
    }
    const control = this.control;
    this.linkTransport.remoteAddress = control === null ? `${this.host}:${this.port}` : control.remoteAddress;
    this.linkTransport.localAddress = control === null ? '' : control.localAddress;
    clients.set(client.id, client);
  }

  /** CLIENT KILL of the master link: drop the connections and resync (partial when the master still can). */
  private readonly killedByClient = (): void => {
    if (this.stopped || this.state !== 'connected') return;
    this.server.logger.warn({ master: `${this.host}:${this.port}` }, 'master link killed by CLIENT KILL');
    this.lost(false);
  };

  /** True when every record received was applied (no flow waits at a barrier): a snapshot now is consistent. */
  get idle(): boolean {
    const applier = this.applier;
    if (applier === null) return this.state !== 'sync';
    if (this.state === 'sync' || applier.heldCommands !== 0) return false;
    for (let i = 0; i < applier.flowCount; i++) if (applier.queuedOf(i) !== 0) return false;
    return true;
  }

  /** Applied LSNs summed over the flows: ROLE's and INFO's replica offset. */
  get offset(): number {
    return this.sumOverFlows((applier, flowId) => applier.lsnOf(flowId));
  }

  /** Received LSNs summed over the flows, applied or not (INFO's slave_read_repl_offset). */
  get readOffset(): number {
    return this.sumOverFlows((applier, flowId) => applier.seenLsnOf(flowId));
  }

  private sumOverFlows(lsnOf: (applier: FlowApplier, flowId: number) => number): number {
    const applier = this.applier;
    if (applier === null) return 0;
    let sum = 0;
    for (let i = 0; i < applier.flowCount; i++) sum += lsnOf(applier, i);
    return sum;
  }

  /** Per-flow applied LSNs (DEBUG REPLICA OFFSET). */
  lsns(): number[] {
    const applier = this.applier;
    if (applier === null) return [];
    return Array.from({ length: applier.flowCount }, (_, i) => applier.lsnOf(i));
  }

  /** Seconds since the master last sent anything, -1 without a connection. */
  lastIoSecondsAgo(now: number): number {
    let last = 0;
    for (const c of [this.control, ...this.flows]) if (c !== null) last = Math.max(last, c.lastIoMs);
    return last === 0 ? -1 : Math.floor((now - last) / 1000);
  }

  /**
   * REPLTAKEOVER: DFLY TAKEOVER on the control connection, acknowledging every few ms meanwhile so the master
   * sees us catch up; `done` gets null once the master handed over, or an error.
   */
  takeover(timeoutMs: number, done: (error: string | null) => void): void {
    const control = this.control;
    if (control === null || this.state !== 'connected') return done('ERR link with the master is down');
    const fastAcks = setInterval(this.ackAll, 5);
    control
      .call('DFLY', 'TAKEOVER', String(timeoutMs / 1000), this.syncId)
      .then((reply) => {
        clearInterval(fastAcks);
        if (reply.type === 'error')
          return done(reply.value.startsWith('ERR') ? reply.value : `ERR ${reply.value}`);
        done(null);
      })
      .catch((err: Error) => {
        clearInterval(fastAcks);
        done(`ERR takeover failed: ${err.message}`);
      });
  }

  start(): void {
    void this.attempt();
  }

  /** Ends the link for good (REPLICAOF NO ONE or another master). */
  stop(): void {
    this.stopped = true;
    this.server.pause.unwatch(this.onPause);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.teardown();
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const epoch = ++this.epoch;
    this.state = 'connecting';
    try {
      await this.sync(epoch);
      this.retryMs = 100;
    } catch (err) {
      if (epoch !== this.epoch || this.stopped) return;
      const message = (err as Error).message;
      this.server.logger.warn(
        { master: `${this.host}:${this.port}`, err: message },
        'replication link failed',
      );
      this.lost(err instanceof SelfReplicationError);
    }
  }

  private async sync(epoch: number): Promise<void> {
    const onLost = (err: Error): void => {
      if (epoch !== this.epoch || this.stopped) return;
      this.server.logger.warn(
        { master: `${this.host}:${this.port}`, err: err.message },
        'replication link lost',
      );
      this.lost(false);
    };
    const control = await MasterConnection.open(
      this.host,
      this.port,
      this.options.connectTimeoutMs,
      onLost,
      this.server.stats,
    );
    if (epoch !== this.epoch) return control.close();
    this.control = control;
    const [replid, syncId, flowCount, replid2] = await this.handshake(control);
    const history = this.masterReplid;
    // Resumable when the master continues the history we followed (it is that master, or was its replica).
    const resume =
      this.applier !== null &&
      this.applier.flowCount === flowCount &&
      history !== '' &&
      (history === replid || history === replid2);
    this.masterReplid = replid;
    this.syncId = syncId;
    if (resume) (this.applier as FlowApplier).reset();
    else this.applier = null;
    const answers = await Promise.all(
      Array.from({ length: flowCount }, (_, i) =>
        this.openFlow(epoch, onLost, replid, syncId, i, resume ? [this.applierLsn(i) + 1, history] : null),
      ),
    );
    if (epoch !== this.epoch) return;
    if (answers.every((a) => a === 'PARTIAL')) {
      this.startMirror(flowCount, false);
      this.partialSyncs++;
      this.online(flowCount);
      this.server.logger.info({ master: `${this.host}:${this.port}`, lsns: this.lsns() }, 'partial sync');
      return;
    }
    if (answers.some((a) => a === 'PARTIAL')) {
      // Some shards could continue, others not: start over with a full sync of all of them.
      this.applier = null;
      throw new Error(`partial sync refused for some flows: ${answers.join(' ')}`);
    }
    await this.fullSync(epoch, control, syncId, flowCount);
  }

  /** AUTH, PING, REPLCONF…; answers [master replid, sync id, flow count] from `REPLCONF CAPA dragonfly`. */
  private async handshake(control: MasterConnection): Promise<[string, string, number, string]> {
    const o = this.options;
    const auth = await control.authenticate(o.masterUser, o.masterAuth);
    if (auth !== null) expectOk(auth, 'AUTH');
    const pong = await control.call('PING');
    if (pong.type === 'error') throw new Error(`master answered PING with: ${pong.value}`);
    expectOk(await control.call('REPLCONF', 'listening-port', String(o.listeningPort())), 'REPLCONF');
    if (o.announceIp !== '') expectOk(await control.call('REPLCONF', 'ip-address', o.announceIp), 'REPLCONF');
    expectOk(await control.call('REPLCONF', 'capa', 'eof', 'capa', 'psync2'), 'REPLCONF');
    const hello = await control.call('REPLCONF', 'capa', 'dragonfly');
    if (hello.type !== 'array' || hello.value.length < 3) {
      throw new Error(
        'the master is not a Drake node: replicating from Redis uses PSYNC, not supported by this link',
      );
    }
    const [replid, syncId, flows, , replid2] = hello.value.map(text);
    if (replid === this.options.ownReplid()) throw new SelfReplicationError('a node cannot replicate itself');
    const flowCount = Number(flows);
    if (!Number.isSafeInteger(flowCount) || flowCount < 1) throw new Error(`bad flow count ${flows}`);
    return [replid, syncId, flowCount, replid2 ?? ''];
  }

  private async openFlow(
    epoch: number,
    onLost: (err: Error) => void,
    replid: string,
    syncId: string,
    flowId: number,
    resumeAt: [number, string] | null,
  ): Promise<string> {
    const conn = await MasterConnection.open(
      this.host,
      this.port,
      this.options.connectTimeoutMs,
      onLost,
      this.server.stats,
    );
    if (epoch !== this.epoch) {
      conn.close();
      return 'STALE';
    }
    this.flows[flowId] = conn;
    const o = this.options;
    const auth = await conn.authenticate(o.masterUser, o.masterAuth);
    if (auth !== null) expectOk(auth, 'AUTH');
    const argv = ['DFLY', 'FLOW', replid, syncId, String(flowId)];
    if (resumeAt !== null) argv.push(String(resumeAt[0]), resumeAt[1]);
    const answer = await conn.call(...argv);
    if (answer.type === 'error') throw new Error(`DFLY FLOW refused: ${answer.value}`);
    if (answer.type !== 'array' || answer.value.length < 1) throw new Error('bad DFLY FLOW answer');
    const kind = text(answer.value[0]);
    // A partial flow streams at once; a full one after DFLY SYNC. Either way its bytes go to the decoder now.
    if (kind === 'PARTIAL' || kind === 'FULL') this.attachDecoder(epoch, conn, flowId);
    return kind;
  }

  private fullSync(
    epoch: number,
    control: MasterConnection,
    syncId: string,
    flowCount: number,
  ): Promise<void> {
    this.state = 'sync';
    this.syncReadBytes = 0;
    const started = Date.now();
    // A full sync starts from nothing: whatever this node held (from an older master, too) is dropped.
    this.server.keyspace.flushAll();
    this.applier = this.newApplier(flowCount);
    this.startMirror(flowCount, true);
    return new Promise<void>((resolve, reject) => {
      this.onAllSynced = () => {
        this.onAllSynced = null;
        control
          .call('DFLY', 'STARTSTABLE', syncId)
          .then((r) => {
            if (epoch !== this.epoch) return resolve();
            expectOk(r, 'DFLY STARTSTABLE');
            this.fullSyncs++;
            this.online(flowCount);
            this.server.logger.info(
              {
                master: `${this.host}:${this.port}`,
                keys: this.server.keyspace.totalKeys(),
                ms: Date.now() - started,
              },
              'full sync finished',
            );
            resolve();
          })
          .catch(reject);
      };
      this.syncEnded = new Array<boolean>(flowCount).fill(false);
      control
        .call('DFLY', 'SYNC', syncId)
        .then((r) => expectOk(r, 'DFLY SYNC'))
        .catch(reject);
    });
  }

  private onAllSynced: (() => void) | null = null;
  private syncEnded: boolean[] = [];

  private newApplier(flowCount: number, initialLsns?: readonly number[]): FlowApplier {
    this.recordsSinceAck = new Array<number>(flowCount).fill(0);
    const applier = new FlowApplier(flowCount, this.apply, {
      initialLsns,
      applySnapshot: this.applySnapshot,
      applySnapshotSet: this.applySnapshotSet,
      onSyncEnd: this.onSyncEnd,
      // Journalled for our own replicas once applied: what we pass on (and resume others from) is what we hold.
      onProcessed: this.mirrorRecord,
      highWater: 100_000,
      onBackpressure: (flowId, paused) => {
        const conn = this.flows[flowId];
        if (paused) conn?.pause();
        else conn?.resume();
      },
    });
    applier.setHeld(this.server.pause.mode !== 'off');
    return applier;
  }

  /**
   * A CLIENT PAUSE on this node holds back what the master sends until it ends, as Redis pauses its master client:
   * the dataset stays put and the master sees the lag. What queued meanwhile is applied when it ends.
   */
  private readonly onPause = (paused: boolean): void => {
    if (paused) this.applier?.setHeld(true);
    // On a later turn, not inside the command that ended the pause (no dispatch nested in another).
    else setImmediate(this.releaseHeld);
  };

  private readonly releaseHeld = (): void => {
    const applier = this.applier;
    if (applier === null || this.server.pause.mode !== 'off') return;
    try {
      beginBatch();
      applier.setHeld(false);
    } catch (err) {
      this.server.logger.error({ err: (err as Error).message }, 'replication apply failed');
      this.lost(false);
    } finally {
      endBatch();
    }
  };

  private applierLsn(flowId: number): number {
    return (this.applier as FlowApplier).lsnOf(flowId);
  }

  /** Runs one replicated command as the master link: no READONLY, replies dropped, failures logged. */
  private readonly apply = (dbIndex: number, argv: readonly string[]): void => {
    this.reportFailure(argv, applyMasterCommand(this.masterClient, dbIndex, argv as string[]));
  };

  /** A full sync's record (string keys go straight into the database, see applySnapshotRecord). */
  private readonly applySnapshot = (dbIndex: number, argv: readonly string[]): void => {
    this.reportFailure(argv, applySnapshotRecord(this.masterClient, dbIndex, argv as string[]));
  };

  /** A full sync's `SET key value` (see applySnapshotSet). */
  private readonly applySnapshotSet = (dbIndex: number, key: string, value: string): void => {
    const error = applySnapshotSet(this.masterClient, dbIndex, key, value);
    if (error !== null) this.reportFailure([SNAPSHOT_SET_COMMAND, key, value], error);
  };

  private reportFailure(argv: readonly string[], error: string | null): void {
    if (error !== null && argv[0].toLowerCase() !== 'del') {
      this.server.logger.warn({ command: argv[0], err: error }, 'replicated command failed');
    }
  }

  private attachDecoder(epoch: number, conn: MasterConnection, flowId: number): void {
    const decoder = new JournalDecoder({
      onRecord: (record: JournalRecord) => {
        if (epoch !== this.epoch) return;
        this.onRecord(flowId, record);
      },
      // Not journalled on this node (see mirrorRecord) and not counted towards ACKs, as any snapshot record.
      onSnapshotSet: (dbIndex: number, key: string, value: string) => {
        if (epoch === this.epoch) this.applier?.pushSnapshotSet(flowId, dbIndex, key, value);
      },
      onError: (err: Error) => {
        this.server.logger.error({ flow: flowId, err: err.message }, 'bad journal stream from master');
        conn.close();
        if (epoch === this.epoch) this.lost(false);
      },
    });
    conn.stream((chunk) => {
      if (this.state === 'sync') this.syncReadBytes += chunk.length;
      // One clock reading for the commands the chunk applies (INFO commandstats shares it), not two per command.
      beginBatch();
      try {
        decoder.feed(chunk);
      } catch (err) {
        this.server.logger.error({ flow: flowId, err: (err as Error).message }, 'replication apply failed');
        conn.close();
        if (epoch === this.epoch) this.lost(false);
      } finally {
        endBatch();
      }
    });
  }

  private onRecord(flowId: number, record: JournalRecord): void {
    const applier = this.applier;
    if (applier === null) return;
    applier.push(flowId, record);
    // A ping in stable sync is the master asking for an ACK (a WAIT is waiting): answer now.
    if (record.kind === 'ping' && this.state === 'connected') this.ackFlow(flowId);
    else if (record.kind !== 'snapshot' && ++this.recordsSinceAck[flowId] >= ACK_EVERY_RECORDS)
      this.ackFlow(flowId);
  }

  /** A flow's snapshot is applied; once all are, the master hears STARTSTABLE. */
  private readonly onSyncEnd = (flowId: number): void => {
    this.syncEnded[flowId] = true;
    if (this.onAllSynced !== null && this.syncEnded.every(Boolean)) this.onAllSynced();
  };

  /**
   * The replica keeps its master's journal, record for record and LSN for LSN, so that once promoted its
   * siblings (and its old master) can resume from it by partial sync. Only possible with as many shards as the
   * master has flows; otherwise what it applies is journalled afresh.
   */
  private startMirror(flowCount: number, fresh: boolean): void {
    const server = this.server;
    if (flowCount !== server.keyspace.shardCount) {
      server.journal = null;
      this.masterClient.propagates = true;
      return;
    }
    const lsns = this.lsns();
    const current = server.journal;
    const aligned = current !== null && !fresh && current.currentLsns().every((lsn, i) => lsn === lsns[i]);
    if (!aligned) {
      const journal = new Journal({ shardCount: flowCount, maxBytes: this.options.backlogBytes });
      lsns.forEach((lsn, i) => journal.shard(i).reset(lsn));
      server.journal = journal;
    }
    this.masterClient.propagates = false;
  }

  private readonly mirrorRecord = (flowId: number, record: JournalRecord): void => {
    const journal = this.server.journal;
    if (journal === null || this.masterClient.propagates) return;
    const shard = journal.shard(flowId);
    let lsn = -1;
    switch (record.kind) {
      case 'ping':
        // The start of a full sync: the flow's numbering continues from the master's.
        if (this.state === 'sync') shard.reset(record.lsn);
        return;
      case 'command':
        lsn = shard.appendCommand(record.dbIndex, record.argv, record.txid);
        break;
      case 'exec':
        lsn = shard.appendExec(record.txid);
        break;
      case 'barrier':
        lsn = shard.appendBarrier(record.dbIndex, record.argv, record.txid);
        break;
      default:
        return;
    }
    if (lsn !== record.lsn) {
      // Out of step: stop mirroring (partial sync from this node is then refused) rather than lie about LSNs.
      this.server.logger.error({ flow: flowId, lsn, expected: record.lsn }, 'journal mirror out of step');
      this.server.journal = null;
      this.masterClient.propagates = true;
    }
  };

  /** Bytes of the running full sync received so far. */
  get loadedBytes(): number {
    return this.syncReadBytes;
  }

  private online(flowCount: number): void {
    this.state = 'connected';
    this.recordsSinceAck = new Array<number>(flowCount).fill(0);
    if (this.ackTimer !== null) clearInterval(this.ackTimer);
    this.ackTimer = setInterval(this.ackAll, this.options.ackIntervalMs);
    this.ackTimer.unref();
    this.ackAll();
  }

  private readonly ackAll = (): void => {
    for (let i = 0; i < this.flows.length; i++) this.ackFlow(i);
  };

  private ackFlow(flowId: number): void {
    this.recordsSinceAck[flowId] = 0;
    this.flows[flowId]?.send('REPLCONF', 'ACK', String(this.applierLsn(flowId)));
  }

  /** The link broke: close everything of this attempt and try again after the back-off. */
  private lost(fatal: boolean): void {
    this.teardown();
    if (this.stopped) return;
    this.reconnects++;
    const wait = fatal ? this.options.reconnectMaxMs : this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.options.reconnectMaxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.attempt();
    }, wait);
    this.retryTimer.unref();
  }

  private teardown(): void {
    this.epoch++;
    if (this.state === 'connected' || this.state === 'sync') this.linkDownSinceMs = Date.now();
    this.state = 'connect';
    this.onAllSynced = null;
    if (this.ackTimer !== null) clearInterval(this.ackTimer);
    this.ackTimer = null;
    this.control?.close();
    this.control = null;
    for (const f of this.flows) f?.close();
    this.flows = [];
    // A full sync that did not finish leaves nothing to resume from.
    if (this.applier !== null && this.syncEnded.length > 0 && !this.syncEnded.every(Boolean))
      this.applier = null;
  }
}

function text(r: RespReply | undefined): string {
  if (r === undefined) return '';
  if (r.type === 'integer' || r.type === 'double') return String(r.value);
  if (r.type === 'simple' || r.type === 'bulk' || r.type === 'error' || r.type === 'verbatim') return r.value;
  return '';
}

function expectOk(r: RespReply, what: string): void {
  if (r.type === 'error') throw new Error(`${what} refused: ${r.value}`);
}
