import type { Client } from '../client';

/** DEBUG PROTOCOL's types: each replies Redis's fixed test value of that RESP type. */
const SAMPLES = new Map<string, (client: Client) => void>(
  Object.entries({
    string: (c) => c.reply.bulk('Hello World'),
    integer: (c) => c.reply.integer(12345),
    double: (c) => c.reply.double(3.141),
    bignum: (c) => c.reply.bigNumber('1234567999999999999999999999999999999'),
    null: (c) => c.reply.nil(),
    array: (c) => {
      c.reply.array(3);
      for (let j = 0; j < 3; j++) c.reply.integer(j);
    },
    set: (c) => {
      c.reply.set(3);
      for (let j = 0; j < 3; j++) c.reply.integer(j);
    },
    map: (c) => {
      c.reply.map(3);
      for (let j = 0; j < 3; j++) {
        c.reply.integer(j);
        c.reply.boolean(j === 1);
      }
    },
    attrib: (c) => {
      // Attributes exist in RESP3 only; in RESP2 just the reply they would annotate goes out.
      if (c.reply.protocol === 3) {
        c.reply.attribute(1);
        c.reply.bulk('key-popularity');
        c.reply.array(2);
        c.reply.bulk('key:123');
        c.reply.integer(90);
      }
      c.reply.bulk('Some real reply following the attribute');
    },
    push: (c) => {
      if (c.reply.protocol !== 3) {
        c.reply.error('ERR RESP2 is not supported by this command');
        return;
      }
      c.reply.push(2);
      c.reply.bulk('server-cpu-usage');
      c.reply.integer(42);
      // A push is not the command's reply: a real one follows, as Redis sends it.
      c.reply.bulk('Some real reply following the push reply');
    },
    true: (c) => c.reply.boolean(true),
    false: (c) => c.reply.boolean(false),
    verbatim: (c) => c.reply.verbatim('This is a verbatim\nstring'),
  } satisfies Record<string, (client: Client) => void>),
);

/** DEBUG PROTOCOL <type>: a test reply of each RESP type, so clients can check their parsers. */
export function debugProtocol(client: Client, type: string): void {
  const sample = SAMPLES.get(type.toLowerCase());
  if (sample !== undefined) {
    sample(client);
    return;
  }
  client.reply.error(
    'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false',
  );
}
