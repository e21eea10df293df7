import { asLatin1, shortLatin1, type Latin1Buffer } from '@drake/resp';

/** Strings up to this length are copied in by a JS loop; longer ones through Buffer#latin1Write (a native call). */
const SHORT_WRITE = 32;
const FIRST_CAPACITY = 256;
const EMPTY = asLatin1(Buffer.alloc(0));

/**
 * A growable run of bytes holding unsigned integers (LEB128) and length-prefixed latin1 strings, as a listpack
 * holds its elements. Strings kept here are no heap objects: the garbage collector neither visits nor moves them,
 * and a short string costs its length plus one byte. Reads go through a position (`seek`, then `readUint` /
 * `readString`); a read string is a fresh copy.
 */
export class PackedStrings {
  private bytes: Latin1Buffer = EMPTY;
  private used = 0;
  private pos = 0;

  /** Bytes written so far: where the next write goes. */
  get size(): number {
    return this.used;
  }

  /** Appends a safe integer >= 0 (up to 8 bytes). */
  writeUint(n: number): void {
    this.reserve(8);
    const b = this.bytes;
    let p = this.used;
    while (n >= 0x80) {
      b[p++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    b[p++] = n;
    this.used = p;
  }

  writeString(s: string): void {
    const len = s.length;
    this.writeUint(len);
    this.reserve(len);
    const b = this.bytes;
    let p = this.used;
    if (len <= SHORT_WRITE) for (let i = 0; i < len; i++) b[p++] = s.charCodeAt(i);
    else p += b.latin1Write(s, p, len);
    this.used = p;
  }

  seek(at: number): void {
    this.pos = at;
  }

  readUint(): number {
    const b = this.bytes;
    let p = this.pos;
    let n = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = b[p++];
      n += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    this.pos = p;
    return n;
  }

  readString(): string {
    const len = this.readUint();
    const at = this.pos;
    this.pos = at + len;
    return shortLatin1(this.bytes, at, len);
  }

  /** Drops the spare capacity left by growth (the store stays writable). */
  trim(): void {
    if (this.bytes.length === this.used) return;
    const exact = asLatin1(Buffer.allocUnsafeSlow(this.used));
    this.bytes.copy(exact, 0, 0, this.used);
    this.bytes = exact;
  }

  private reserve(n: number): void {
    const need = this.used + n;
    if (need <= this.bytes.length) return;
    let capacity = Math.max(FIRST_CAPACITY, this.bytes.length * 2);
    while (capacity < need) capacity *= 2;
    // Not from Node's shared pool: a node's bytes live as long as the node, and a pooled slice would keep the
    // whole 8 KB pool alive with it.
    const grown = asLatin1(Buffer.allocUnsafeSlow(capacity));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}
