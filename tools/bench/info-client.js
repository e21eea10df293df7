// @ts-check
// INFO over one kept-open connection, for the loops that poll a server while something is measured: spawning
// redis-cli every few ms forks the measuring process, which stalls its own latency probe for a millisecond or more.
const net = require('net');

class InfoClient {
  /** @param {number} port */
  constructor(port) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    /** @type {Buffer[]} */
    this.chunks = [];
    /** @type {((text: string) => void) | null} */
    this.waiting = null;
    this.socket.on('data', (chunk) => this.onData(chunk));
    /** @type {Error | null} */
    this.failed = null;
    this.socket.on('error', (err) => (this.failed = err));
  }

  /**
   * One INFO section's text. Requests go one at a time (the loops await each).
   * @param {string} section
   * @returns {Promise<string>}
   */
  info(section) {
    if (this.failed) return Promise.reject(this.failed);
    if (this.waiting) return Promise.reject(new Error('InfoClient: one request at a time'));
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(`*2\r\n$4\r\nINFO\r\n$${section.length}\r\n${section}\r\n`);
    });
  }

  /** @param {Buffer} chunk */
  onData(chunk) {
    this.chunks.push(chunk);
    const all = Buffer.concat(this.chunks);
    const head = all.indexOf('\r\n');
    if (head < 0) return;
    const length = Number(all.toString('latin1', 1, head));
    if (all.length < head + 2 + length + 2) return;
    this.chunks = [];
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(all.toString('latin1', head + 2, head + 2 + length));
  }

  close() {
    this.socket.end();
  }
}

/** @param {string} info @param {string} field */
function infoField(info, field) {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
}

module.exports = { InfoClient, infoField };
