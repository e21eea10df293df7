/**
 * Keyspace-notification oracle for the differential specs: commands run on redis-server and on an in-process
 * Drake while a RESP2 client psubscribed to every __keyspace@/__keyevent@ channel listens, and the events it
 * heard as readable lines. Not used by the server.
 */
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import type { RedisConnection } from './redis-oracle';
import type { RedisFixture } from './differential';
import { TestServer, type TestClient } from './test-server';

/** A command sequence, each command as its arguments. */
export type Commands = readonly (readonly string[])[];

/** What one run of commands gave: the commander's replies and what a `__key*__:*` subscriber heard. */
export interface EventRun {
  readonly replies: string[];
  readonly events: string;
}

const PATTERN = '__key*__:*';
const END = 'events-end';
/** A RESP2 subscriber's reply to PING END: everything before it was published by the commands. */
const PONG = `*2\r\n$4\r\npong\r\n$${END.length}\r\n${END}\r\n`;

/** A fresh in-process Drake with every command and a CONFIG registry (notify-keyspace-events is settable). */
export function drakeServer(): TestServer {
  return new TestServer(allCommands, new ConfigRegistry());
}

/**
 * The listener on redis-server: `control` flushes every database and sets notify-keyspace-events to `classes`,
 * then a connection of its own psubscribes. `close` turns notifications off again (the server is shared).
 */
export class RedisListener {
  private constructor(
    private readonly control: RedisConnection,
    private readonly subscriber: RedisConnection,
  ) {}

  static async open(oracle: RedisFixture, control: RedisConnection, classes: string): Promise<RedisListener> {
    const subscriber = await oracle.session();
    await control.call('FLUSHALL');
    await control.call('CONFIG', 'SET', 'notify-keyspace-events', classes);
    await subscriber.call('PSUBSCRIBE', PATTERN);
    return new RedisListener(control, subscriber);
  }

  /** Everything published so far: what the subscriber got before the reply to a marker PING. */
  async events(): Promise<string> {
    this.subscriber.post('PING', END);
    let out = '';
    for (let reply = await this.subscriber.next(); reply !== PONG; reply = await this.subscriber.next())
      out += reply;
    return out;
  }

  async close(): Promise<void> {
    await this.control.call('CONFIG', 'SET', 'notify-keyspace-events', '');
    this.subscriber.close();
  }
}

/** The listener on a Drake server: a new client psubscribes once `control` has set the classes. */
export class DrakeListener {
  private readonly subscriber: TestClient;

  constructor(server: TestServer, control: TestClient, classes: string) {
    this.subscriber = server.connect();
    control.run('CONFIG', 'SET', 'notify-keyspace-events', classes);
    this.subscriber.run('PSUBSCRIBE', PATTERN);
  }

  /** Everything published so far (the reply to a marker PING cut off). */
  events(): string {
    const out = this.subscriber.run('PING', END);
    return out.endsWith(PONG) ? out.slice(0, -PONG.length) : out;
  }
}

/**
 * Runs `commands` on a fresh database of redis-server with notify-keyspace-events set to `classes`, while a
 * RESP2 client psubscribed to every keyspace and keyevent channel listens; returns replies and events.
 */
export async function redisEventRun(
  oracle: RedisFixture,
  commands: Commands,
  classes = 'KEA',
): Promise<EventRun> {
  const commander = await oracle.session();
  const listener = await RedisListener.open(oracle, commander, classes);
  const replies: string[] = [];
  for (const argv of commands) replies.push(await commander.call(...argv));
  const events = await listener.events();
  await listener.close();
  commander.close();
  return { replies, events };
}

/** The same run on an in-process Drake server. */
export function drakeEventRun(commands: Commands, classes = 'KEA'): EventRun {
  const server = drakeServer();
  const commander = server.connect();
  const listener = new DrakeListener(server, commander, classes);
  const replies = commands.map((argv) => commander.run(...argv));
  return { replies, events: listener.events() };
}

/** One pmessage frame: *4, pmessage, then pattern, channel and message, each with its length. */
const FRAME =
  /\*4\r\n\$8\r\npmessage\r\n\$(\d+)\r\n([^\r]*)\r\n\$(\d+)\r\n([^\r]*)\r\n\$(\d+)\r\n([^\r]*)\r\n/y;

/** The frame at `pos` as `channel message` and where it ends; null unless it is exact (pattern, lengths). */
function frameAt(events: string, pos: number): { line: string; end: number } | null {
  FRAME.lastIndex = pos;
  const m = FRAME.exec(events);
  if (m === null) return null;
  const [, patternLength, pattern, channelLength, channel, messageLength, message] = m;
  const exact =
    pattern === PATTERN &&
    Number(patternLength) === pattern.length &&
    Number(channelLength) === channel.length &&
    Number(messageLength) === message.length;
  return exact ? { line: `${channel} ${message}`, end: FRAME.lastIndex } : null;
}

/**
 * Events as readable lines (channel → message), so a mismatch shows where the streams part. Whatever is not an
 * exact pmessage frame of the pattern ends the list as one `unparsed:` line, so equal lines mean equal bytes.
 */
export function eventLines(events: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  for (let frame = frameAt(events, pos); frame !== null; frame = frameAt(events, pos)) {
    lines.push(frame.line);
    pos = frame.end;
  }
  if (pos !== events.length) lines.push(`unparsed: ${JSON.stringify(events.slice(pos))}`);
  return lines;
}

/** The event names of keyevent lines (`__keyevent@<db>__:<event> <key>`), of database `db` only if given. */
export function keyeventNames(lines: readonly string[], db?: number): Set<string> {
  const names = new Set<string>();
  for (const line of lines) {
    const m = /^__keyevent@(\d+)__:(\S+) /.exec(line);
    if (m !== null && (db === undefined || Number(m[1]) === db)) names.add(m[2]);
  }
  return names;
}
