/**
 * Node's Buffer has fast latin1 primitives that skip the encoding lookup of write()/toString(); they are
 * stable but missing from @types/node, so they are typed here.
 */
export interface Latin1Buffer extends Buffer {
  latin1Write(s: string, offset: number, length: number): number;
  latin1Slice(start: number, end: number): string;
}

export function allocLatin1(size: number): Latin1Buffer {
  return Buffer.allocUnsafe(size) as Latin1Buffer;
}

export function asLatin1(buf: Buffer): Latin1Buffer {
  return buf as Latin1Buffer;
}
