import fc from 'fast-check';
import type { JournalRecord } from '@drake/journal';
import { FlowApplier, FlowProtocolError } from './flow-applier';

/**
 * A master's global history, as units applied atomically in this order: a standalone command (one flow), a
 * shard transaction closed by `exec` (one flow), a barrier (all flows) or a transaction closed by an `EXEC`
 * barrier (all flows). The streams each flow carries are derived from it; a correct replica applies units
 * whole, never reorders two units of the same flow, and never moves anything across a barrier unit.
 */
type MasterOp =
  | { op: 'cmd'; flow: number }
  | { op: 'shardTx'; flow: number; size: number }
  | { op: 'barrier' }
  | { op: 'multiTx'; flows: number[] }
  | { op: 'ping'; flow: number }
  | { op: 'snap'; flow: number }
  | { op: 'syncEnd'; flow: number; back: number };

interface Unit {
  index: number;
  /** -1 for units that fence every flow. */
  flow: number;
  ids: string[];
  /** The flow each id came on: inside a unit only each flow's own order is fixed (other flows' keys differ). */
  flows: number[];
}

interface History {
  streams: JournalRecord[][];
  units: Unit[];
  /** Per flow, per LSN: the ids that must have been applied once the flow's applied LSN reaches it. */
  effectsAt: Map<number, string[]>[];
}

function buildHistory(flowCount: number, ops: MasterOp[]): History {
  const streams: JournalRecord[][] = Array.from({ length: flowCount }, () => []);
  const lsns = new Array<number>(flowCount).fill(0);
  const effectsAt: Map<number, string[]>[] = Array.from({ length: flowCount }, () => new Map());
  const units: Unit[] = [];
  let txid = 0;
  let nextId = 0;
  const append = (flow: number, r: Omit<JournalRecord, 'lsn'>, effects: string[]): void => {
    const lsn = r.kind === 'ping' ? lsns[flow] : ++lsns[flow];
    streams[flow].push({ ...r, lsn });
    if (r.kind !== 'ping') effectsAt[flow].set(lsn, effects);
  };
  for (const o of ops) {
    switch (o.op) {
      case 'cmd': {
        const id = `c${nextId++}`;
        append(o.flow, { kind: 'command', dbIndex: o.flow, txid: 0, argv: [id] }, [id]);
        units.push({ index: units.length, flow: o.flow, ids: [id], flows: [o.flow] });
        break;
      }
      case 'shardTx': {
        const t = ++txid;
        const ids = Array.from({ length: o.size }, () => `s${nextId++}`);
        for (const id of ids) append(o.flow, { kind: 'command', dbIndex: 1, txid: t, argv: [id, 'x'] }, [id]);
        append(o.flow, { kind: 'exec', dbIndex: 0, txid: t, argv: [] }, ids);
        units.push({ index: units.length, flow: o.flow, ids, flows: ids.map(() => o.flow) });
        break;
      }
      case 'barrier': {
        const t = ++txid;
        const id = `b${nextId++}`;
        for (let f = 0; f < flowCount; f++)
          append(f, { kind: 'barrier', dbIndex: 2, txid: t, argv: [id] }, [id]);
        units.push({ index: units.length, flow: -1, ids: [id], flows: [-1] });
        break;
      }
      case 'multiTx': {
        const t = ++txid;
        const ids: string[] = [];
        const flows = o.flows.map((f) => f % flowCount);
        for (const f of flows) {
          const id = `x${nextId++}`;
          ids.push(id);
          append(f, { kind: 'command', dbIndex: 3, txid: t, argv: [id] }, [id]);
        }
        for (let f = 0; f < flowCount; f++)
          append(f, { kind: 'barrier', dbIndex: 0, txid: t, argv: ['EXEC'] }, ids);
        units.push({ index: units.length, flow: -1, ids, flows });
        break;
      }
      case 'ping':
        append(o.flow, { kind: 'ping', dbIndex: 0, txid: 0, argv: [] }, []);
        break;
      case 'snap': {
        // Full-sync data: no LSN, ordered like a standalone command of its flow.
        const id = `p${nextId++}`;
        streams[o.flow].push({ kind: 'snapshot', lsn: 0, dbIndex: 5, txid: 0, argv: [id] });
        units.push({ index: units.length, flow: o.flow, ids: [id], flows: [o.flow] });
        break;
      }
      case 'syncEnd':
        // Names an LSN already delivered: the snapshot's start (some records back) or the last one.
        streams[o.flow].push({
          kind: 'syncEnd',
          lsn: Math.max(0, lsns[o.flow] - o.back),
          dbIndex: 0,
          txid: 0,
          argv: [],
        });
        break;
    }
  }
  return { streams, units, effectsAt };
}

/**
 * Checks `applied` is a valid replica order of `units`: each unit contiguous and whole (each flow's part of it in
 * that flow's order), and for every flow the units touching it (its own and the fences) in history order.
 */
function expectValidOrder(units: Unit[], applied: string[], flowCount: number): void {
  const unitOf = new Map<string, Unit>();
  for (const u of units) for (const id of u.ids) unitOf.set(id, u);
  const sequence: Unit[] = [];
  const fail = (why: string): never => {
    throw new Error(`${why}\napplied: ${applied.join(' ')}`);
  };
  for (let i = 0; i < applied.length;) {
    const u = unitOf.get(applied[i]) ?? fail(`unknown id ${applied[i]}`);
    const got = applied.slice(i, i + u.ids.length);
    if ([...got].sort().join() !== [...u.ids].sort().join()) fail(`unit ${u.ids.join(' ')} broken up`);
    for (const f of new Set(u.flows)) {
      const mine = u.ids.filter((_, k) => u.flows[k] === f);
      if (got.filter((id) => mine.includes(id)).join() !== mine.join()) fail(`flow ${f} reordered in a unit`);
    }
    sequence.push(u);
    i += u.ids.length;
  }
  if (sequence.length !== new Set(sequence).size) fail('a unit applied twice');
  for (let f = 0; f < flowCount; f++) {
    let last = -1;
    for (const u of sequence) {
      if (u.flow !== f && u.flow !== -1) continue;
      if (u.index < last) fail(`flow ${f}: unit ${u.index} after unit ${last}`);
      last = u.index;
    }
  }
}

const historyArb = fc.integer({ min: 1, max: 4 }).chain((flowCount) => {
  const flow = fc.nat(flowCount - 1);
  const op: fc.Arbitrary<MasterOp> = fc.oneof(
    { weight: 8, arbitrary: flow.map((f) => ({ op: 'cmd' as const, flow: f })) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('shardTx' as const),
        flow,
        size: fc.integer({ min: 1, max: 4 }),
      }),
    },
    { weight: 2, arbitrary: fc.constant({ op: 'barrier' as const }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('multiTx' as const),
        flows: fc.array(flow, { minLength: 1, maxLength: 5 }),
      }),
    },
    { weight: 1, arbitrary: flow.map((f) => ({ op: 'ping' as const, flow: f })) },
    { weight: 3, arbitrary: flow.map((f) => ({ op: 'snap' as const, flow: f })) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('syncEnd' as const), flow, back: fc.nat(3) }) },
  );
  return fc.tuple(fc.constant(flowCount), fc.array(op, { maxLength: 80 }));
});

describe('FlowApplier', () => {
  test('any interleaving of the flows applies a valid order of the master history, and LSNs stay safe', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.nat(), { maxLength: 400 }), ([flowCount, ops], picks) => {
        const history = buildHistory(flowCount, ops);
        const applied: string[] = [];
        const appliedSet = new Set<string>();
        const syncEnds: number[] = [];
        const applier = new FlowApplier(
          flowCount,
          (_db, argv) => {
            applied.push(argv[0]);
            appliedSet.add(argv[0]);
          },
          { onSyncEnd: (f) => syncEnds.push(f) },
        );
        const next = new Array<number>(flowCount).fill(0);
        const lastLsn = new Array<number>(flowCount).fill(0);
        let remaining = history.streams.reduce((n, s) => n + s.length, 0);
        let pick = 0;
        while (remaining > 0) {
          // Deliver from a random flow that still has records (the picks decide; then round robin).
          let f = (picks[pick++] ?? pick) % flowCount;
          while (next[f] >= history.streams[f].length) f = (f + 1) % flowCount;
          applier.push(f, history.streams[f][next[f]++]);
          remaining--;
          // Partial-sync safety: everything up to each flow's reported LSN has taken effect, and LSNs only grow.
          for (let g = 0; g < flowCount; g++) {
            const lsn = applier.lsnOf(g);
            if (lsn < lastLsn[g]) throw new Error(`flow ${g}: LSN went back from ${lastLsn[g]} to ${lsn}`);
            for (let l = lastLsn[g] + 1; l <= lsn; l++) {
              for (const id of history.effectsAt[g].get(l) ?? []) {
                if (!appliedSet.has(id))
                  throw new Error(`flow ${g} reports LSN ${lsn} but ${id} is not applied`);
              }
            }
            lastLsn[g] = lsn;
          }
        }
        expectValidOrder(history.units, applied, flowCount);
        expect(applied.length).toBe(history.units.reduce((n, u) => n + u.ids.length, 0));
        for (let f = 0; f < flowCount; f++) {
          const stream = history.streams[f];
          const last = stream.reduce((m, r) => Math.max(m, r.lsn), 0);
          expect(applier.lsnOf(f)).toBe(last);
          expect(applier.seenLsnOf(f)).toBe(last);
          expect(applier.queuedOf(f)).toBe(0);
          expect(applier.waitingAt(f)).toBe(0);
        }
        expect(applier.heldCommands).toBe(0);
        expect(syncEnds.length).toBe(ops.filter((o) => o.op === 'syncEnd').length);
      }),
      { numRuns: 3000 },
    );
  });

  test('holding the stream (CLIENT PAUSE) at any points keeps the applied prefix still and loses nothing', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 400 }),
        ([flowCount, ops], steps) => {
          const history = buildHistory(flowCount, ops);
          const applied: string[] = [];
          const applier = new FlowApplier(flowCount, (_db, argv) => applied.push(argv[0]));
          const next = new Array<number>(flowCount).fill(0);
          let remaining = history.streams.reduce((n, s) => n + s.length, 0);
          let held = false;
          let step = 0;
          while (remaining > 0) {
            const [pick, toggle] = steps[step++] ?? [step, false];
            if (toggle) applier.setHeld((held = !held));
            let f = pick % flowCount;
            while (next[f] >= history.streams[f].length) f = (f + 1) % flowCount;
            const lsnsBefore = Array.from({ length: flowCount }, (_, g) => applier.lsnOf(g));
            const appliedBefore = applied.length;
            const rec = history.streams[f][next[f]++];
            applier.push(f, rec);
            remaining--;
            if (held) {
              // Nothing takes effect while held; what arrived is still counted as read.
              expect(applied.length).toBe(appliedBefore);
              for (let g = 0; g < flowCount; g++) expect(applier.lsnOf(g)).toBe(lsnsBefore[g]);
              if (rec.kind !== 'snapshot') expect(applier.seenLsnOf(f)).toBeGreaterThanOrEqual(rec.lsn);
            }
          }
          applier.setHeld(false);
          expectValidOrder(history.units, applied, flowCount);
          expect(applied.length).toBe(history.units.reduce((n, u) => n + u.ids.length, 0));
          for (let f = 0; f < flowCount; f++) {
            const last = history.streams[f].reduce((m, r) => Math.max(m, r.lsn), 0);
            expect(applier.lsnOf(f)).toBe(last);
            expect(applier.queuedOf(f)).toBe(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  function record(
    kind: JournalRecord['kind'],
    lsn: number,
    txid = 0,
    argv: string[] = kind === 'command' || kind === 'barrier' ? ['x'] : [],
    dbIndex = 0,
  ): JournalRecord {
    return { kind, lsn, txid, argv, dbIndex };
  }

  function recorder(flowCount: number, options = {}): { applier: FlowApplier; log: string[] } {
    const log: string[] = [];
    const applier = new FlowApplier(flowCount, (db, argv) => log.push(`${db}:${argv.join(' ')}`), options);
    return { applier, log };
  }

  test('a barrier waits for every flow and runs once; records behind it wait too', () => {
    const { applier, log } = recorder(2);
    applier.push(0, record('command', 1, 0, ['SET', 'a', '1']));
    applier.push(0, record('barrier', 2, 7, ['FLUSHALL']));
    applier.push(0, record('command', 3, 0, ['SET', 'a', '2']));
    applier.push(0, { kind: 'snapshot', lsn: 0, txid: 0, dbIndex: 4, argv: ['SET', 'snap', '1'] });
    expect(log).toEqual(['0:SET a 1']);
    expect(applier.waitingAt(0)).toBe(7);
    expect(applier.queuedOf(0)).toBe(3);
    expect(applier.lsnOf(0)).toBe(1);
    applier.push(1, record('command', 1, 0, ['SET', 'b', '1']));
    applier.push(1, record('barrier', 2, 7, ['FLUSHALL']));
    expect(log).toEqual(['0:SET a 1', '0:SET b 1', '0:FLUSHALL', '0:SET a 2', '4:SET snap 1']);
    expect(applier.lsnOf(0)).toBe(3);
    expect(applier.lsnOf(1)).toBe(2);
  });

  test('transaction commands are held until their exec (one flow) or EXEC barrier (all flows)', () => {
    const { applier, log } = recorder(2);
    applier.push(0, record('command', 1, 5, ['SET', 'a', '1'], 1));
    applier.push(0, record('command', 2, 5, ['SET', 'b', '1'], 2));
    expect(log).toEqual([]);
    expect(applier.heldCommands).toBe(2);
    expect(applier.lsnOf(0)).toBe(0);
    expect(applier.seenLsnOf(0)).toBe(2);
    applier.push(0, record('exec', 3, 5));
    expect(log).toEqual(['1:SET a 1', '2:SET b 1']);
    expect(applier.lsnOf(0)).toBe(3);

    applier.push(1, record('command', 1, 9, ['INCR', 'x']));
    applier.push(0, record('command', 4, 9, ['INCR', 'y']));
    applier.push(1, record('barrier', 2, 9, ['EXEC']));
    expect(log).toHaveLength(2);
    applier.push(0, record('barrier', 5, 9, ['EXEC']));
    expect(log.slice(2)).toEqual(['0:INCR x', '0:INCR y']);
    expect(applier.heldCommands).toBe(0);
    expect([applier.lsnOf(0), applier.lsnOf(1)]).toEqual([5, 2]);
  });

  test('pings move the position of an idle flow, and report nothing else', () => {
    const { applier, log } = recorder(1);
    applier.push(0, record('ping', 40));
    expect(applier.lsnOf(0)).toBe(40);
    applier.push(0, record('command', 41));
    applier.push(0, record('ping', 41));
    expect(applier.lsnOf(0)).toBe(41);
    expect(log).toEqual(['0:x']);
  });

  test('syncEnd tells when the snapshot of a flow is applied and sets its position', () => {
    const ends: string[] = [];
    const { applier, log } = recorder(2, { onSyncEnd: (f: number, lsn: number) => ends.push(`${f}@${lsn}`) });
    applier.push(0, { kind: 'snapshot', lsn: 0, txid: 0, dbIndex: 1, argv: ['RPUSH', 'l', 'a'] });
    applier.push(0, record('command', 8, 0, ['SET', 'k', 'v']));
    applier.push(0, { kind: 'snapshot', lsn: 0, txid: 0, dbIndex: 1, argv: ['SET', 's', '1'] });
    // The snapshot began at LSN 7: the journal went on from 8 meanwhile.
    applier.push(0, record('syncEnd', 7));
    applier.push(1, record('syncEnd', 30));
    expect(log).toEqual(['1:RPUSH l a', '0:SET k v', '1:SET s 1']);
    expect(ends).toEqual(['0@8', '1@30']);
    expect([applier.lsnOf(0), applier.lsnOf(1)]).toEqual([8, 30]);
    expect(() => applier.push(1, record('syncEnd', 31))).toThrow(FlowProtocolError);
  });

  test('snapshot records go to applySnapshot, in their flow order with the commands', () => {
    const log: string[] = [];
    const applier = new FlowApplier(1, (db, argv) => log.push(`cmd ${db}:${argv.join(' ')}`), {
      applySnapshot: (db, argv) => log.push(`snap ${db}:${argv.join(' ')}`),
    });
    applier.push(0, { kind: 'snapshot', lsn: 0, txid: 0, dbIndex: 2, argv: ['SET', 'a', '1'] });
    applier.push(0, record('command', 1, 0, ['DEL', 'a']));
    applier.push(0, { kind: 'snapshot', lsn: 0, txid: 0, dbIndex: 2, argv: ['SET', 'b', '2'] });
    expect(log).toEqual(['snap 2:SET a 1', 'cmd 0:DEL a', 'snap 2:SET b 2']);
  });

  test('pushSnapshotSet applies at once on an idle flow and waits its turn behind a barrier', () => {
    const log: string[] = [];
    const applier = new FlowApplier(2, (db, argv) => log.push(`cmd ${db}:${argv.join(' ')}`), {
      applySnapshot: (db, argv) => log.push(`snap ${db}:${argv.join(' ')}`),
      applySnapshotSet: (db, key, value) => log.push(`set ${db}:${key}=${value}`),
    });
    applier.pushSnapshotSet(0, 3, 'a', '1');
    expect(log).toEqual(['set 3:a=1']);
    applier.push(0, record('barrier', 1, 7, ['FLUSHALL']));
    applier.pushSnapshotSet(0, 3, 'b', '2');
    expect(applier.queuedOf(0)).toBe(2);
    applier.push(1, record('barrier', 1, 7, ['FLUSHALL']));
    // Queued, it went through applySnapshot as a record; the barrier came first, in flow order.
    expect(log).toEqual(['set 3:a=1', 'cmd 0:FLUSHALL', 'snap 3:SET b 2']);
    expect(applier.queuedOf(0)).toBe(0);

    const plain: string[] = [];
    const defaults = new FlowApplier(1, () => undefined, {
      applySnapshot: (db, argv) => plain.push(`snap ${db}:${argv.join(' ')}`),
    });
    defaults.pushSnapshotSet(0, 1, 'k', 'v');
    expect(plain).toEqual(['snap 1:SET k v']);
  });

  test('gaps, repeats and diverging barriers are protocol errors', () => {
    const a = recorder(1, { initialLsns: [10] }).applier;
    expect(() => a.push(0, record('command', 12))).toThrow(FlowProtocolError);
    expect(() => a.push(0, record('command', 10))).toThrow(FlowProtocolError);
    expect(() => a.push(0, record('ping', 9))).toThrow(FlowProtocolError);
    a.push(0, record('command', 11));
    expect(a.lsnOf(0)).toBe(11);

    const b = recorder(3).applier;
    b.push(0, record('barrier', 1, 4));
    expect(() => b.push(1, record('barrier', 1, 5))).toThrow(FlowProtocolError);
    expect(() => b.push(9, record('command', 1))).toThrow(RangeError);
  });

  test('a flow held at a barrier asks for back-pressure past highWater and is let go below half', () => {
    const events: string[] = [];
    const { applier } = recorder(2, {
      highWater: 4,
      onBackpressure: (f: number, p: boolean) => events.push(`${f}:${p}`),
    });
    applier.push(0, record('barrier', 1, 1));
    for (let lsn = 2; lsn <= 6; lsn++) applier.push(0, record('command', lsn));
    expect(events).toEqual(['0:true']);
    applier.push(1, record('barrier', 1, 1));
    expect(events).toEqual(['0:true', '0:false']);
    expect(applier.queuedOf(0)).toBe(0);
  });

  test('a held stream queues snapshot SETs too, asks for back-pressure past highWater, and drains in order', () => {
    const events: string[] = [];
    const log: string[] = [];
    const applier = new FlowApplier(1, (db, argv) => log.push(`cmd ${db}:${argv.join(' ')}`), {
      applySnapshot: (db, argv) => log.push(`snap ${db}:${argv.join(' ')}`),
      applySnapshotSet: (db, key, value) => log.push(`set ${db}:${key}=${value}`),
      highWater: 4,
      onBackpressure: (f: number, p: boolean) => events.push(`${f}:${p}`),
    });
    applier.pushSnapshotSet(0, 0, 'a', '1');
    applier.setHeld(true);
    applier.pushSnapshotSet(0, 0, 'b', '2');
    for (let lsn = 1; lsn <= 4; lsn++) applier.push(0, record('command', lsn, 0, ['SET', 'k', String(lsn)]));
    expect(log).toEqual(['set 0:a=1']);
    expect(events).toEqual(['0:true']);
    expect(applier.lsnOf(0)).toBe(0);
    expect(applier.seenLsnOf(0)).toBe(4);
    applier.setHeld(true);
    expect(log).toHaveLength(1);
    applier.setHeld(false);
    expect(log).toEqual([
      'set 0:a=1',
      'snap 0:SET b 2',
      'cmd 0:SET k 1',
      'cmd 0:SET k 2',
      'cmd 0:SET k 3',
      'cmd 0:SET k 4',
    ]);
    expect(events).toEqual(['0:true', '0:false']);
    expect(applier.lsnOf(0)).toBe(4);
  });

  test('onProcessed hears each record as it takes effect: after a barrier is released, after a hold ends', () => {
    const heard: string[] = [];
    const { applier } = recorder(2, {
      onProcessed: (f: number, r: JournalRecord) => heard.push(`${f}:${r.kind}@${r.lsn}`),
    });
    applier.push(0, record('command', 1));
    applier.push(0, record('barrier', 2, 5));
    applier.push(0, record('command', 3));
    expect(heard).toEqual(['0:command@1']);
    applier.push(1, record('barrier', 1, 5));
    expect(heard).toEqual(['0:command@1', '0:barrier@2', '1:barrier@1', '0:command@3']);
    applier.setHeld(true);
    applier.push(1, record('command', 2));
    expect(heard).toHaveLength(4);
    applier.setHeld(false);
    expect(heard).toEqual(['0:command@1', '0:barrier@2', '1:barrier@1', '0:command@3', '1:command@2']);
  });

  test('reset forgets what was not applied and resumes from the applied prefix', () => {
    const { applier, log } = recorder(2);
    applier.push(0, record('command', 1));
    applier.push(0, record('command', 2, 3));
    applier.push(0, record('barrier', 3, 3, ['EXEC']));
    applier.push(1, record('command', 1));
    expect(applier.lsnOf(0)).toBe(1);
    applier.reset();
    expect([applier.lsnOf(0), applier.lsnOf(1)]).toEqual([1, 1]);
    expect(applier.heldCommands).toBe(0);
    expect(applier.waitingAt(0)).toBe(0);
    // The partial sync replays from LSN 2 on flow 0.
    applier.push(0, record('command', 2, 3));
    applier.push(0, record('barrier', 3, 3, ['EXEC']));
    applier.push(1, record('barrier', 2, 3, ['EXEC']));
    expect(log).toEqual(['0:x', '0:x', '0:x']);
    applier.reset([100, 200]);
    expect([applier.lsnOf(0), applier.seenLsnOf(1)]).toEqual([100, 200]);
  });

  test('a long wait compacts its queue without losing order', () => {
    const { applier, log } = recorder(2);
    applier.push(0, record('barrier', 1, 1, ['B']));
    for (let lsn = 2; lsn < 5000; lsn++) applier.push(0, record('command', lsn, 0, [String(lsn)]));
    applier.push(1, record('barrier', 1, 1, ['B']));
    expect(log).toEqual(['0:B', ...Array.from({ length: 4998 }, (_, i) => `0:${i + 2}`)]);
  });
});
