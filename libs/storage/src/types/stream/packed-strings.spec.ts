import fc from 'fast-check';
import { PackedStrings } from './packed-strings';

type Item = { uint: number } | { text: string };

function writeAll(items: readonly Item[], packed = new PackedStrings()): number[] {
  const starts: number[] = [];
  for (const item of items) {
    starts.push(packed.size);
    if ('uint' in item) packed.writeUint(item.uint);
    else packed.writeString(item.text);
  }
  return starts;
}

function readAll(packed: PackedStrings, items: readonly Item[]): Item[] {
  packed.seek(0);
  return items.map((item) => ('uint' in item ? { uint: packed.readUint() } : { text: packed.readString() }));
}

const BINARY = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

describe('PackedStrings', () => {
  it('reads back integers and strings of every size class, binary bytes included', () => {
    const items: Item[] = [
      { uint: 0 },
      { uint: 127 },
      { uint: 128 },
      { uint: 2 ** 31 },
      { uint: 2 ** 40 + 3 },
      { uint: Number.MAX_SAFE_INTEGER },
      { text: '' },
      { text: 'x' },
      { text: 'a'.repeat(32) },
      { text: 'b'.repeat(33) },
      { text: BINARY },
      { text: BINARY.repeat(40) },
    ];
    const packed = new PackedStrings();
    writeAll(items, packed);
    expect(readAll(packed, items)).toEqual(items);
  });

  it('grows before a long integer at the end of its capacity', () => {
    const packed = new PackedStrings();
    packed.writeString('x'.repeat(249)); // 2 + 249 bytes of the first 256-byte capacity
    packed.writeUint(Number.MAX_SAFE_INTEGER); // 8 bytes
    packed.seek(251);
    expect(packed.readUint()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('takes one length byte and the bytes for a short string', () => {
    const packed = new PackedStrings();
    packed.writeString('value');
    packed.writeUint(300);
    expect(packed.size).toBe(1 + 5 + 2);
  });

  it('reads from any start, and keeps its content when trimmed and written again', () => {
    const first: Item[] = Array.from({ length: 500 }, (_, i) => ({ text: `v${i}`.repeat(i % 7) }));
    const packed = new PackedStrings();
    const starts = writeAll(first, packed);
    packed.trim();
    const more: Item[] = [{ uint: 9 }, { text: 'after trim' }];
    writeAll(more, packed);
    packed.seek(starts[321]);
    expect(packed.readString()).toBe(`v321`.repeat(321 % 7));
    expect(readAll(packed, [...first, ...more])).toEqual([...first, ...more]);
  });

  it('round-trips random sequences', () => {
    const item: fc.Arbitrary<Item> = fc.oneof(
      fc.record({ uint: fc.nat() }),
      fc.record({
        text: fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }),
      }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 200 }), (items) => {
        const packed = new PackedStrings();
        writeAll(items, packed);
        expect(readAll(packed, items)).toEqual(items);
      }),
    );
  });
});
