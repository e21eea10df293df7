import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { randomBytes } from 'crypto';
import { RdbSpool } from './rdb-spool';

describe('RdbSpool', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rdb-spool-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what was written, in order, in bounded chunks, and leaves no file behind', () => {
    const spool = new RdbSpool(dir);
    expect(readdirSync(dir)).toEqual([]);
    const parts = [randomBytes(10), randomBytes(200_000), Buffer.alloc(0), randomBytes(70_000)];
    for (const part of parts) spool.write(part);
    expect(spool.size).toBe(270_010);
    const read: Buffer[] = [];
    for (let chunk = spool.read(); chunk !== null; chunk = spool.read()) {
      expect(chunk.length).toBeLessThanOrEqual(64 * 1024);
      read.push(Buffer.from(chunk));
    }
    expect(Buffer.concat(read).equals(Buffer.concat(parts))).toBe(true);
    spool.close();
    spool.close();
    expect(() => spool.write(Buffer.from('x'))).toThrow('already closed');
  });

  it('throws when the directory cannot hold a file', () => {
    expect(() => new RdbSpool(path.join(dir, 'missing'))).toThrow();
  });
});
