// @ts-check
// Loads exactly N distinct members into one hash, set or sorted set through pipelined HSET / SADD / ZADD batches on
// one raw socket, and checks every batch's integer reply, so the member count is exact.
const net = require('net');
const { encode, valueFor } = require('./load-keys');

const MEMBERS_PER_COMMAND = 1000;
const MAX_IN_FLIGHT = 32;
const HASH_VALUE_SIZE = 32;

/** @typedef {'hash' | 'set' | 'zset'} CollectionType */

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
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      let newline;
      while ((newline = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 2);
        if (line !== `:${sizeOf(acked)}`) {
          socket.destroy();
          reject(
            new Error(`${type} batch ${acked} answered ${JSON.stringify(line)}, expected :${sizeOf(acked)}`),
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
  return type === 'hash' ? 'HLEN' : type === 'set' ? 'SCARD' : 'ZCARD';
}

module.exports = { loadMembers, cardinalityCommand, scoreFor };
