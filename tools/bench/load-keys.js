// @ts-check
// Loads exactly N distinct keys `key:<n>` with fixed-size values through pipelined MSETs on one raw socket, so the
// key count is exact (redis-benchmark -r draws random keys with collisions).
const net = require('net');

const KEYS_PER_MSET = 1000;
const MAX_IN_FLIGHT = 32;

/**
 * RESP encoding of one command (latin1 strings).
 * @param {string[]} argv
 */
function encode(argv) {
  let out = `*${argv.length}\r\n`;
  for (const arg of argv) out += `$${Buffer.byteLength(arg, 'latin1')}\r\n${arg}\r\n`;
  return Buffer.from(out, 'latin1');
}

/** @param {number} n @param {number} size */
function valueFor(n, size) {
  const text = `value:${n}:`;
  return text.length >= size ? text.slice(0, size) : text + 'x'.repeat(size - text.length);
}

/**
 * @param {number} port
 * @param {number} count
 * @param {number} valueSize
 */
function loadKeys(port, count, valueSize) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const batches = Math.ceil(count / KEYS_PER_MSET);
    let sent = 0;
    let acked = 0;
    let pending = '';
    const sendMore = () => {
      while (sent < batches && sent - acked < MAX_IN_FLIGHT) {
        const argv = ['MSET'];
        const end = Math.min(count, (sent + 1) * KEYS_PER_MSET);
        for (let n = sent * KEYS_PER_MSET; n < end; n++) argv.push(`key:${n}`, valueFor(n, valueSize));
        socket.write(encode(argv));
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
        if (line !== '+OK') {
          socket.destroy();
          reject(new Error(`MSET answered ${JSON.stringify(line)}`));
          return;
        }
        acked++;
      }
      if (acked === batches) {
        socket.end();
        resolve(undefined);
      } else sendMore();
    });
    socket.on('error', reject);
  });
}

/**
 * Sends one command, resolves with the first reply line (enough for +OK / :n replies).
 * @param {number} port
 * @param {string[]} argv
 * @returns {Promise<string>}
 */
function command(port, argv) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(encode(argv)));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const newline = reply.indexOf('\r\n');
      if (newline >= 0) {
        socket.end();
        resolve(reply.slice(0, newline));
      }
    });
    socket.on('error', reject);
  });
}

module.exports = { loadKeys, command, valueFor, encode };
