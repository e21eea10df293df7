import fc from 'fast-check';
import { TestServer, type TestClient } from '../testing/test-server';
import { globMatch } from '../glob';
import type { SubscriptionKind } from './client-subscriptions';
import { PubSubHub } from './hub';

const KINDS: readonly SubscriptionKind[] = ['channels', 'patterns', 'shardChannels'];
const NAMES = ['a', 'b', 'ab', 'a*', '*', '?b', 'b*'];

type Op =
  | { op: 'sub'; client: number; kind: SubscriptionKind; name: string }
  | { op: 'unsub'; client: number; kind: SubscriptionKind; name: string }
  | { op: 'unsubAll'; client: number }
  | { op: 'release'; client: number }
  | { op: 'publish'; name: string }
  | { op: 'spublish'; name: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constantFrom('sub' as const, 'unsub' as const),
    client: fc.nat(3),
    kind: fc.constantFrom(...KINDS),
    name: fc.constantFrom(...NAMES),
  }),
  fc.record({ op: fc.constantFrom('unsubAll' as const, 'release' as const), client: fc.nat(3) }),
  fc.record({
    op: fc.constantFrom('publish' as const, 'spublish' as const),
    name: fc.constantFrom(...NAMES),
  }),
);

/** A naive model: per client, per kind, a list of names. */
type Model = Record<SubscriptionKind, string[]>[];

function modelReceivers(model: Model, op: 'publish' | 'spublish', channel: string): number {
  let n = 0;
  for (const m of model) {
    if (op === 'spublish') {
      if (m.shardChannels.includes(channel)) n++;
      continue;
    }
    if (m.channels.includes(channel)) n++;
    n += m.patterns.filter((p) => globMatch(p, channel)).length;
  }
  return n;
}

describe('PubSubHub', () => {
  it('agrees with a naive model under any sequence of (un)subscribes and publishes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const server = new TestServer([]);
        const hub: PubSubHub = server.pubsub;
        const clients: TestClient[] = [0, 1, 2, 3].map(() => server.connect());
        const model: Model = clients.map(() => ({ channels: [], patterns: [], shardChannels: [] }));
        for (const o of ops) {
          if (o.op === 'sub') {
            const had = model[o.client][o.kind].includes(o.name);
            expect(hub.subscribe(clients[o.client], o.kind, o.name)).toBe(!had);
            if (!had) model[o.client][o.kind].push(o.name);
          } else if (o.op === 'unsub') {
            const had = model[o.client][o.kind].includes(o.name);
            expect(hub.unsubscribe(clients[o.client], o.kind, o.name)).toBe(had);
            model[o.client][o.kind] = model[o.client][o.kind].filter((n) => n !== o.name);
          } else if (o.op === 'unsubAll' || o.op === 'release') {
            if (o.op === 'release') clients[o.client].release();
            else hub.unsubscribeAll(clients[o.client]);
            model[o.client] = { channels: [], patterns: [], shardChannels: [] };
          } else {
            const got = o.op === 'publish' ? hub.publish(o.name, 'm') : hub.spublish(o.name, 'm');
            expect(got).toBe(modelReceivers(model, o.op, o.name));
          }
        }
        for (const [i, c] of clients.entries()) {
          const m = model[i];
          const total = m.channels.length + m.patterns.length + m.shardChannels.length;
          expect(c.subscriptions === null).toBe(total === 0);
          for (const kind of KINDS) expect([...(c.subscriptions?.[kind] ?? [])]).toEqual(m[kind]);
        }
        for (const kind of KINDS) {
          const active = new Set(model.flatMap((m) => m[kind]));
          expect(new Set(hub.active(kind))).toEqual(active);
          expect(hub.activeCount(kind)).toBe(active.size);
        }
        for (const name of NAMES) {
          for (const kind of ['channels', 'shardChannels'] as const)
            expect(hub.subscriberCount(kind, name)).toBe(model.filter((m) => m[kind].includes(name)).length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('encodes a message once per receiver: header plus body, in the receiver’s protocol', () => {
    const server = new TestServer([]);
    const [r2, r3] = [server.connect(), server.connect()];
    r3.reply.protocol = 3;
    for (const c of [r2, r3]) {
      server.pubsub.subscribe(c, 'channels', 'ch');
      server.pubsub.subscribe(c, 'patterns', 'c?');
    }
    expect(server.pubsub.publish('ch', 'x')).toBe(4);
    const body = '$7\r\nmessage\r\n$2\r\nch\r\n$1\r\nx\r\n';
    const pbody = '$8\r\npmessage\r\n$2\r\nc?\r\n$2\r\nch\r\n$1\r\nx\r\n';
    expect(r2.reply.take()?.toString('latin1')).toBe(`*3\r\n${body}*4\r\n${pbody}`);
    expect(r3.reply.take()?.toString('latin1')).toBe(`>3\r\n${body}>4\r\n${pbody}`);
  });
});
