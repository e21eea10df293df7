// @ts-check
// Loads exactly N distinct members into one hash, set, sorted set or stream through pipelined batches on one raw
// socket (HSET / SADD / ZADD of many members each, or many XADDs), and checks every reply, so the count is exact.
const net = require('net');
const { encode, valueFor } = require('./load-keys');

const MEMBERS_PER_COMMAND = 1000;
const MAX_IN_FLIGHT = 32;
const HASH_VALUE_SIZE = 32;

/** @typedef {'hash' | 'set' | 'zset' | 'stream'} CollectionType */

/**
 * A score per member that is distinct and scattered (a multiplicative permutation of 0..2^31-2), so inserts land
 * all over the sorted set rather than always at its end.
 * @param {number} n
 */
function scoreFor(n) {
  return (n * 48271) % 2147483647;
}

/**
 * The command that adds members [from, to).
 * @param {CollectionType} type
 * @param {string} key
 * @param {number} from
 * @param {number} to
 */
function batch(type, key, from, to) {
  if (type === 'stream') {
    // One XADD per entry (auto IDs), a field and a value of the hash's size.
    const parts = [];
    for (let n = from; n < to; n++)
      parts.push(encode(['XADD', key, '*', 'field', valueFor(n, HASH_VALUE_SIZE)]));
    return Buffer.concat(parts);
  }
  const argv = [type === 'hash' ? 'HSET' : type === 'set' ? 'SADD' : 'ZADD', key];
  for (let n = from; n < to; n++) {
    if (type === 'hash') argv.push(`field:${n}`, valueFor(n, HASH_VALUE_SIZE));
    else if (type === 'set') argv.push(`member:${n}`);
    else argv.push(String(scoreFor(n)), `member:${n}`);
  }
  return encode(argv);
}

/**
 * Adds members 0..count-1 to `key`; resolves once every batch answered `:<batch size>` (all members new).
 * @param {number} port
 * @param {CollectionType} type
 * @param {string} key
 * @param {number} count
 * @returns {Promise<void>}
 */
function loadMembers(port, type, key, count) {
  if (count <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const batches = Math.ceil(count / MEMBERS_PER_COMMAND);
    const sizeOf = (/** @type {number} */ b) =>
      Math.min(count, (b + 1) * MEMBERS_PER_COMMAND) - b * MEMBERS_PER_COMMAND;
    let sent = 0;
    let acked = 0;
    let pending = '';
    const sendMore = () => {
      while (sent < batches && sent - acked < MAX_IN_FLIGHT) {
        const from = sent * MEMBERS_PER_COMMAND;
        socket.write(batch(type, key, from, from + sizeOf(sent)));
        sent++;
      }
    };
    socket.on('connect', sendMore);
    // Streams: each XADD answers a bulk ID ($len, then the ID line); a batch is acked with its last entry.
    let entriesAcked = 0;
    let idLineNext = false;
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      let newline;
      while ((newline = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 2);
        if (type === 'stream' && idLineNext) {
          idLineNext = false;
          continue;
        }
        if (type === 'stream' && line.startsWith('$') && line !== '$-1') {
          idLineNext = true;
          if (++entriesAcked < sizeOf(acked)) continue;
          entriesAcked = 0;
        } else if (line !== `:${sizeOf(acked)}`) {
          socket.destroy();
          reject(
            new Error(
              `${type} batch ${acked} answered ${JSON.stringify(line)}, expected ` +
                (type === 'stream' ? 'a bulk ID' : `:${sizeOf(acked)}`),
            ),
          );
          return;
        }
        acked++;
      }
      if (acked === batches) {
        socket.end();
        resolve();
      } else sendMore();
    });
    socket.on('error', reject);
  });
}

/** The command that counts a collection's members. @param {CollectionType} type */
function cardinalityCommand(type) {
  return { hash: 'HLEN', set: 'SCARD', zset: 'ZCARD', stream: 'XLEN' }[type];
}

module.exports = { loadMembers, cardinalityCommand, scoreFor };
