import { formatDouble } from './format-double';
import { allocLatin1, asLatin1, type Latin1Buffer } from './latin1-buffer';

const INITIAL_SIZE = 16 * 1024;
/** Replies up to this size are copied out of the writer's buffer by take(); bigger ones take the buffer itself. */
const COPY_LIMIT = 8 * 1024;
/** Strings up to this length are copied byte by byte in JS rather than by a native call. */
const SHORT_STRING = 32;
/** Default biggest buffer kept for reuse: an idle client holds at most this much beyond its current buffer. */
const MAX_SPARE = 1024 * 1024;
/** The writer's limit when its owner sets none (see `limit`). */
const NO_LIMIT = (): number => Infinity;
const CRLF = '\r\n';

/**
 * Accumulates the RESP2/RESP3 replies of one batch of commands in a growing buffer, so a pipeline of N commands
 * becomes one socket write. `protocol` switches the encoding of the RESP3-only types to their RESP2 fallbacks.
 */
export class ReplyWriter {
  protocol: 2 | 3 = 2;
  private buf = allocLatin1(INITIAL_SIZE);
  private pos = 0;
  private spare: Latin1Buffer | null = null;
  /**
   * The last view pending() made and the buffer it views. A client whose batches have the same length (one
   * command type at pipeline depth 1) gets the same view back: Buffer#subarray costs ~60 ns, a native call for
   * `.buffer` included, which shows at ~7 µs per request.
   */
  private lastView: Buffer | null = null;
  private lastViewOf: Buffer | null = null;
  /** Biggest buffer recycle() keeps; a connection that always has a big output in flight raises it. */
  maxSpare = MAX_SPARE;
  /**
   * The most bytes one batch may hold, read only when the buffer must grow. A write past it sets `overflowed`
   * instead of growing (a command whose reply is bounded only by a count it was given, such as SRANDMEMBER with
   * -9223372036854775807, would otherwise take all the memory there is).
   */
  limit: () => number = NO_LIMIT;
  /**
   * A write went past `limit`: the batch was discarded, what follows is scratch, and none of it may be sent.
   * The owner drops the client (Redis closes a client past its output buffer limit); loops that write a reply
   * sized by a count stop when they see it, as Redis's stop on CLIENT_CLOSE_ASAP.
   */
  overflowed = false;
  /** Told of every error reply (the server's error statistics), written or later dropped. */
  onError: ((message: string) => void) | null = null;

  /** Bytes written since the last take(). */
  get length(): number {
    return this.pos;
  }

  /** The first byte written since the last take() (a reply's type), or -1 when nothing was. */
  get firstByte(): number {
    return this.pos === 0 ? -1 : this.buf[0];
  }

  /** Appends already-encoded RESP text (latin1). */
  raw(s: string): void {
    const need = s.length;
    if (this.pos + need > this.buf.length && !this.grow(need)) return;
    if (need > SHORT_STRING) {
      this.pos += this.buf.latin1Write(s, this.pos, need);
      return;
    }
    // Short strings: a JS loop is cheaper than crossing into C++.
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < need; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** Writes `<type><n>\r\n` (an aggregate or bulk header, or an integer reply) without building a string. */
  private header(type: number, n: number): void {
    if (this.pos + 24 > this.buf.length && !this.grow(24)) return;
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = type;
    if (n < 0) {
      buf[pos++] = 45;
      n = -n;
    }
    if (n < 10) {
      buf[pos++] = 48 + n;
    } else {
      const start = pos;
      // Int32 arithmetic while it fits (counts, lengths, most counters); doubles above.
      while (n > 0x7fffffff) {
        buf[pos++] = 48 + (n % 10);
        n = Math.floor(n / 10);
      }
      let m = n | 0;
      while (m > 0) {
        const q = (m / 10) | 0;
        buf[pos++] = 48 + m - q * 10;
        m = q;
      }
      // Digits went in least significant first.
      for (let i = start, j = pos - 1; i < j; i++, j--) {
        const t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
      }
    }
    buf[pos++] = 13;
    buf[pos++] = 10;
    this.pos = pos;
  }

  rawBuffer(b: Buffer): void {
    if (this.pos + b.length > this.buf.length && !this.grow(b.length)) return;
    b.copy(this.buf, this.pos);
    this.pos += b.length;
  }

  ok(): void {
    this.raw('+OK\r\n');
  }

  simple(s: string): void {
    this.raw('+' + s + CRLF);
  }

  /** `message` carries its own prefix ("ERR …", "WRONGTYPE …"). */
  error(message: string): void {
    if (this.onError !== null) this.onError(message);
    this.raw('-' + message + CRLF);
  }

  integer(n: number): void {
    if (Number.isSafeInteger(n)) this.header(58 /* : */, n);
    else this.raw(':' + n + CRLF);
  }

  integerBig(n: bigint): void {
    this.raw(':' + n.toString() + CRLF);
  }

  bulk(s: string): void {
    this.header(36 /* $ */, s.length);
    this.raw(s);
    this.crlf();
  }

  bulkBuffer(b: Buffer): void {
    this.header(36, b.length);
    this.rawBuffer(b);
    this.crlf();
  }

  nil(): void {
    this.raw(this.protocol === 3 ? '_\r\n' : '$-1\r\n');
  }

  nullArray(): void {
    this.raw(this.protocol === 3 ? '_\r\n' : '*-1\r\n');
  }

  array(n: number): void {
    this.header(42 /* * */, n);
  }

  /** n key/value pairs follow. */
  map(n: number): void {
    this.raw(this.protocol === 3 ? '%' + n + CRLF : '*' + 2 * n + CRLF);
  }

  set(n: number): void {
    this.raw((this.protocol === 3 ? '~' : '*') + n + CRLF);
  }

  push(n: number): void {
    this.raw((this.protocol === 3 ? '>' : '*') + n + CRLF);
  }

  double(d: number): void {
    if (this.protocol === 3) this.raw(',' + formatDouble(d) + CRLF);
    else this.bulk(formatDouble(d));
  }

  boolean(b: boolean): void {
    if (this.protocol === 3) this.raw(b ? '#t\r\n' : '#f\r\n');
    else this.raw(b ? ':1\r\n' : ':0\r\n');
  }

  verbatim(s: string, format = 'txt'): void {
    if (this.protocol === 3) {
      this.raw('=' + (s.length + 4) + CRLF + format + ':');
      this.raw(s);
      this.crlf();
    } else {
      this.bulk(s);
    }
  }

  /** RESP3 only: n key/value pairs of attributes precede the next reply (RESP2 has no such type). */
  attribute(n: number): void {
    this.raw('|' + n + CRLF);
  }

  bigNumber(s: string): void {
    if (this.protocol === 3) this.raw('(' + s + CRLF);
    else this.bulk(s);
  }

  bulkArray(items: readonly string[]): void {
    this.array(items.length);
    for (let i = 0; i < items.length; i++) this.bulk(items[i]);
  }

  /** Hands over everything written so far (null when nothing was) and starts empty. */
  take(): Buffer | null {
    const len = this.pos;
    if (len === 0) return null;
    this.pos = 0;
    if (len <= COPY_LIMIT) return Buffer.from(this.buf.subarray(0, len));
    const out = this.buf.subarray(0, len);
    this.buf = allocLatin1(INITIAL_SIZE);
    return out;
  }

  /** A view of everything written so far, for a socket write made right away; follow it with consumed(). */
  pending(): Buffer | null {
    if (this.pos === 0) return null;
    const last = this.lastView;
    if (last !== null && last.length === this.pos && this.lastViewOf === this.buf) return last;
    this.lastViewOf = this.buf;
    return (this.lastView = this.buf.subarray(0, this.pos));
  }

  /**
   * Starts empty after pending() was written. `retained`: the socket still holds the bytes (the write did not
   * finish at once), so the writer moves to another buffer instead of overwriting them, and returns the one it
   * handed over: give it back with recycle() once the socket has sent it.
   */
  consumed(retained: boolean): Buffer | null {
    this.pos = 0;
    if (!retained) {
      // A big reply's buffer is not kept for the small ones that usually follow.
      if (this.buf.length > this.maxSpare) this.release();
      return null;
    }
    const handedOver = this.buf;
    // The cached view would keep the handed-over buffer alive after the socket is done with it.
    this.lastView = this.lastViewOf = null;
    this.buf = this.spare ?? allocLatin1(INITIAL_SIZE);
    this.spare = null;
    return handedOver;
  }

  /**
   * A buffer from consumed(true) that the socket has finished sending. The writer reuses it rather than
   * allocating: a connection that keeps a big output in flight (a replica's flow) then alternates between two
   * buffers instead of allocating and growing a new one per write, which churns external memory and triggers
   * V8's major GCs.
   */
  recycle(buf: Buffer): void {
    if (buf === this.buf || buf.length > this.maxSpare) return;
    if (this.spare === null || buf.length > this.spare.length) this.spare = asLatin1(buf);
  }

  /** Drops what was written after `mark` (a former `length`): CLIENT REPLY OFF/SKIP. */
  truncate(mark: number): void {
    if (mark < this.pos) this.pos = mark;
  }

  /**
   * truncate(mark), except the byte ranges `kept` lists as start, end, start, end… (in order, all at or after
   * `mark`), which move down to follow one another from `mark`.
   */
  truncateKeeping(mark: number, kept: readonly number[]): void {
    let to = mark;
    for (let i = 0; i + 1 < kept.length; i += 2) {
      const start = kept[i];
      const end = kept[i + 1];
      if (start < mark || end > this.pos) continue;
      this.buf.copyWithin(to, start, end);
      to += end - start;
    }
    this.truncate(to);
  }

  private crlf(): void {
    if (this.pos + 2 > this.buf.length && !this.grow(2)) return;
    this.buf[this.pos++] = 13;
    this.buf[this.pos++] = 10;
  }

  /** Makes room for `need` more bytes; false when the write must be dropped (past the limit). */
  private grow(need: number): boolean {
    const limit = this.limit();
    // Once over, the batch is scratch that is never sent: no reason to grow it again.
    if (this.overflowed || this.pos + need > limit) return this.overflow(need);
    const spare = this.spare;
    if (spare !== null && spare.length >= this.pos + need) {
      this.buf.copy(spare, 0, 0, this.pos);
      this.buf = spare;
      this.spare = null;
      return true;
    }
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const next = allocLatin1(Math.min(size, limit));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    return true;
  }

  /** Past the limit: the batch is discarded (it will not be sent) and later writes go to scratch at the start. */
  private overflow(need: number): boolean {
    this.overflowed = true;
    this.pos = 0;
    return need <= this.buf.length;
  }

  /** Drops a big buffer for a fresh small one. */
  private release(): void {
    this.buf = allocLatin1(INITIAL_SIZE);
    this.lastView = this.lastViewOf = null;
  }
}
