import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { RdbTempFile } from './rdb-temp-file';

describe('RdbTempFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'drake-temp-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the target with every chunk only at commit, leaving no temporary file', () => {
    const target = path.join(dir, 'dump.rdb');
    writeFileSync(target, 'old');
    const file = new RdbTempFile(target);
    file.write(Buffer.from('REDIS'));
    file.write(Buffer.from('0010'));
    expect(readFileSync(target, 'latin1')).toBe('old');
    file.commit();
    expect(readFileSync(target, 'latin1')).toBe('REDIS0010');
    expect(readdirSync(dir)).toEqual(['dump.rdb']);
    expect(() => file.write(Buffer.from('x'))).toThrow('already closed');
  });

  it('leaves the old file in place and removes its own when aborted', () => {
    const target = path.join(dir, 'dump.rdb');
    writeFileSync(target, 'old');
    const file = new RdbTempFile(target);
    file.write(Buffer.from('partial'));
    file.abort();
    file.abort();
    expect(readFileSync(target, 'latin1')).toBe('old');
    expect(readdirSync(dir)).toEqual(['dump.rdb']);
  });

  it('throws at once when the directory cannot hold it', () => {
    expect(() => new RdbTempFile(path.join(dir, 'missing', 'dump.rdb'))).toThrow(/ENOENT/);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
  });
});

describe('RdbTempFile.commitAsync', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'drake-temp-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the file in place after syncing it off the event loop', async () => {
    const target = path.join(dir, 'dump.rdb');
    const file = new RdbTempFile(target);
    file.write(Buffer.from('REDIS0010'));
    const error = await new Promise<Error | null>((resolve) => file.commitAsync(resolve));
    expect(error).toBeNull();
    expect(readFileSync(target, 'latin1')).toBe('REDIS0010');
    expect(readdirSync(dir)).toEqual(['dump.rdb']);
  });

  it('reports an abort that came while the sync ran, and leaves nothing behind', async () => {
    const target = path.join(dir, 'dump.rdb');
    const file = new RdbTempFile(target);
    file.write(Buffer.from('REDIS0010'));
    const outcome = new Promise<Error | null>((resolve) => file.commitAsync(resolve));
    file.abort();
    expect((await outcome)?.message).toBe('RDB save aborted');
    expect(readdirSync(dir)).toEqual([]);
  });
});
