/**
 * The bytes a resumable RDB reader consumes: chunks appended as they arrive (split anywhere), read from the
 * front, released once read. Reads never cross the end: callers check `available` first (see reading.ts).
 * Optionally keeps the CRC-64 of every byte consumed so far (the RDB file checksum).
 */
import { Crc64 } from '../crc64';

/** Chunks are dropped from the front of the queue in batches of this many. */
const COMPACT_AFTER = 64;

export class ChunkSource {
  private chunks: Buffer[] = [];
  /** Index of the chunk being read, and the read offset inside it. */
  private ci = 0;
  private off = 0;
  private avail = 0;
  private consumedBefore = 0;
  /** Offset in chunks[ci] up to which `crc` has been fed. */
  private crcFrom = 0;
  private ended = false;

  constructor(private readonly crc: Crc64 | null = null) {}

  /** A source over one complete buffer (no more input will come). */
  static of(buf: Uint8Array, crc: Crc64 | null = null): ChunkSource {
    const src = new ChunkSource(crc);
    src.push(buf);
    src.end();
    return src;
  }

  /** Appends a chunk (kept by reference: the caller must not reuse its memory). */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('ChunkSource: push after end');
    if (chunk.length === 0) return;
    this.chunks.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
    );
    this.avail += chunk.length;
  }

  /** No more chunks will come. */
  end(): void {
    this.ended = true;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Bytes buffered and not yet read. */
  get available(): number {
    return this.avail;
  }

  /** Bytes read since the start. */
  get position(): number {
    return this.consumedBefore + this.off;
  }

  /** The byte `i` places ahead (i < available). */
  peek(i: number): number {
    let k = this.ci;
    let at = this.off + i;
    while (at >= this.chunks[k].length) {
      at -= this.chunks[k].length;
      k++;
    }
    return this.chunks[k][at];
  }

  readByte(): number {
    const c = this.chunks[this.ci];
    const b = c[this.off++];
    this.avail--;
    if (this.off === c.length) this.nextChunk();
    return b;
  }

  /** `n` bytes: a view when they sit in one chunk, else a copy. */
  read(n: number): Buffer {
    if (n === 0) return EMPTY;
    const c = this.chunks[this.ci];
    if (this.off + n <= c.length) {
      const view = c.subarray(this.off, this.off + n);
      this.advanceWithin(n);
      return view;
    }
    const out = Buffer.allocUnsafe(n);
    this.copyOut(out, n);
    return out;
  }

  /** `n` bytes as a latin1 string. */
  readLatin1(n: number): string {
    if (n === 0) return '';
    const c = this.chunks[this.ci];
    if (this.off + n <= c.length) {
      const s = c.toString('latin1', this.off, this.off + n);
      this.advanceWithin(n);
      return s;
    }
    return this.read(n).toString('latin1');
  }

  skip(n: number): void {
    while (n > 0) {
      const c = this.chunks[this.ci];
      const step = Math.min(n, c.length - this.off);
      this.advanceWithin(step);
      n -= step;
    }
  }

  /** The CRC-64 of every byte read so far (requires a crc at construction). */
  crcValue(): bigint {
    if (this.crc === null) throw new Error('ChunkSource: no checksum kept');
    if (this.ci < this.chunks.length) this.feedCrc(this.chunks[this.ci], this.off);
    return this.crc.value();
  }

  private advanceWithin(n: number): void {
    this.off += n;
    this.avail -= n;
    if (this.ci < this.chunks.length && this.off === this.chunks[this.ci].length) this.nextChunk();
  }

  private copyOut(out: Buffer, n: number): void {
    let w = 0;
    while (w < n) {
      const c = this.chunks[this.ci];
      const step = Math.min(n - w, c.length - this.off);
      c.copy(out, w, this.off, this.off + step);
      w += step;
      this.advanceWithin(step);
    }
  }

  private feedCrc(c: Buffer, upTo: number): void {
    if (this.crc !== null && upTo > this.crcFrom) this.crc.update(c, this.crcFrom, upTo);
    this.crcFrom = upTo;
  }

  private nextChunk(): void {
    const c = this.chunks[this.ci];
    this.feedCrc(c, c.length);
    this.consumedBefore += c.length;
    this.chunks[this.ci] = EMPTY;
    this.ci++;
    this.off = 0;
    this.crcFrom = 0;
    if (this.ci >= COMPACT_AFTER) {
      this.chunks = this.chunks.slice(this.ci);
      this.ci = 0;
    }
  }
}

const EMPTY = Buffer.alloc(0);
