import { RawClient } from './raw-client';
import { Xorshift } from './xorshift';

/**
 * Consumer-group traffic for replication tests: on a few streams with a group `g`, every command that changes a
 * group (XREADGROUP new and history reads, NOACK, XCLAIM with its options, XAUTOCLAIM, XACK, XDEL of pending
 * entries, CREATECONSUMER/DELCONSUMER, XTRIM), some inside MULTI/EXEC, and a client blocked in XREADGROUP that
 * the writer's XADDs serve. `streamKeys` lists the keys to compare afterwards.
 */
export class GroupWriter {
  static readonly STREAMS = 4;
  /** Every key the writer touches: the group streams and the one the blocked reader waits on. */
  static readonly streamKeys = [
    ...Array.from({ length: GroupWriter.STREAMS }, (_, i) => `grp:${i}`),
    'grp:blocked',
  ];

  acknowledged = 0;
  private running = true;
  private readonly done: Promise<void[]>;
  /** IDs the writer's XADDs returned, per stream: XCLAIM, XACK and XDEL name them. */
  private readonly ids: string[][] = Array.from({ length: GroupWriter.STREAMS }, () => []);

  private constructor(
    private readonly client: RawClient,
    private readonly reader: RawClient,
    private readonly random: Xorshift,
  ) {
    this.done = Promise.all([this.loop(), this.blockedReads()]);
  }

  /** Creates the streams and their groups (idempotent), then starts writing. */
  static async start(port: number, seed = 1): Promise<GroupWriter> {
    const setup = await RawClient.connect(port);
    try {
      for (const key of GroupWriter.streamKeys)
        await setup.call('XGROUP', 'CREATE', key, 'g', '$', 'MKSTREAM');
    } finally {
      await setup.close();
    }
    return new GroupWriter(await RawClient.connect(port), await RawClient.connect(port), new Xorshift(seed));
  }

  async stop(): Promise<number> {
    this.running = false;
    await this.done;
    await Promise.all([this.client.close(), this.reader.close()]);
    return this.acknowledged;
  }

  private rand(n: number): number {
    return this.random.next(n);
  }

  /** An ID this writer added to stream `s` (maybe deleted or trimmed since), or one that never existed. */
  private someId(s: number): string {
    const ids = this.ids[s];
    return ids.length === 0 ? '1-1' : ids[ids.length - 1 - this.rand(Math.min(ids.length, 50))];
  }

  private command(): { argv: string[]; stream: number } {
    const s = this.rand(GroupWriter.STREAMS);
    const key = `grp:${s}`;
    const consumer = `c${this.rand(4)}`;
    switch (this.rand(14)) {
      case 0:
      case 1:
        return { argv: ['XADD', key, '*', 'f', String(this.rand(1000))], stream: s };
      case 2:
        return { argv: ['XADD', 'grp:blocked', '*', 'f', 'v'], stream: -1 };
      case 3:
      case 4:
        return { argv: ['XREADGROUP', 'GROUP', 'g', consumer, 'COUNT', '3', 'STREAMS', key, '>'], stream: s };
      case 5:
        return { argv: ['XREADGROUP', 'GROUP', 'g', consumer, 'COUNT', '2', 'STREAMS', key, '0'], stream: s };
      case 6:
        return { argv: ['XREADGROUP', 'GROUP', 'g', consumer, 'NOACK', 'STREAMS', key, '>'], stream: s };
      case 7: {
        const options = [['JUSTID'], ['IDLE', '5'], ['RETRYCOUNT', '9'], ['FORCE'], []][this.rand(5)];
        const minIdle = String(this.rand(3) * 5);
        return { argv: ['XCLAIM', key, 'g', consumer, minIdle, this.someId(s), ...options], stream: s };
      }
      case 8:
        return {
          argv: ['XAUTOCLAIM', key, 'g', consumer, String(this.rand(2) * 5), '0-0', 'COUNT', '3'],
          stream: s,
        };
      case 9:
        return { argv: ['XACK', key, 'g', this.someId(s)], stream: s };
      case 10:
        return { argv: ['XDEL', key, this.someId(s)], stream: s };
      case 11:
        return { argv: ['XGROUP', 'CREATECONSUMER', key, 'g', `c${this.rand(6)}`], stream: s };
      case 12:
        return { argv: ['XGROUP', 'DELCONSUMER', key, 'g', `c${4 + this.rand(2)}`], stream: s };
      default:
        return { argv: ['XTRIM', key, 'MAXLEN', '300'], stream: s };
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const batch = 20;
      const tx = this.rand(5) === 0;
      const sent: { argv: string[]; stream: number }[] = [];
      if (tx) this.client.send('MULTI');
      for (let i = 0; i < batch; i++) {
        const c = this.command();
        this.client.send(...c.argv);
        sent.push(c);
      }
      if (tx) this.client.send('EXEC');
      if (tx) await this.client.readReply(30_000);
      for (const c of sent) {
        const reply = (await this.client.readReply(30_000)).toString('latin1');
        if (!tx && c.argv[0] === 'XADD' && c.stream >= 0 && reply.startsWith('$'))
          this.remember(c.stream, reply);
      }
      if (tx) await this.client.readReply(30_000);
      this.acknowledged += batch;
    }
  }

  private remember(stream: number, bulk: string): void {
    const ids = this.ids[stream];
    ids.push(bulk.slice(bulk.indexOf('\r\n') + 2, -2));
    if (ids.length > 200) ids.splice(0, 100);
  }

  /** One client reading `grp:blocked` with BLOCK, served by the writer's XADDs (or its 50 ms timeout). */
  private async blockedReads(): Promise<void> {
    while (this.running) {
      const argv = [
        'XREADGROUP',
        'GROUP',
        'g',
        'blocker',
        'BLOCK',
        '50',
        'COUNT',
        '2',
        'STREAMS',
        'grp:blocked',
        '>',
      ];
      await this.reader.call(...argv);
    }
  }
}
