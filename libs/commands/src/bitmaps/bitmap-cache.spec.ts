import { Keyspace } from '@drake/storage';
import { cachedBitmap, openBitmap, rememberBitmap } from './bitmap-cache';

const MB = 1024 * 1024;

/** Edits byte 0 of `key` through the cache, as SETBIT does, and stores the result; returns it. */
function edit(db: ReturnType<Keyspace['db']>, key: string, value: string, byte: number): string {
  const bitmap = openBitmap(db, key, value);
  bitmap.setByte(0, byte);
  const next = bitmap.value();
  rememberBitmap(db, key, next, bitmap);
  return next;
}

describe('bitmap tree cache', () => {
  it('keeps the trees of edits rotating over 40 bitmaps of 1 MB', () => {
    const db = new Keyspace({ dbCount: 1, shardCount: 1 }).db(0);
    const values = Array.from({ length: 40 }, (_, i) => String.fromCharCode(i).repeat(MB));
    for (let round = 0; round < 2; round++)
      for (let k = 0; k < values.length; k++) values[k] = edit(db, `bm:${k}`, values[k], round + 1);
    for (let k = 0; k < values.length; k++) expect(cachedBitmap(db, `bm:${k}`, values[k])).toBeDefined();
  });

  it('drops the oldest trees past 64 MB, but always keeps the newest', () => {
    const db = new Keyspace({ dbCount: 1, shardCount: 1 }).db(0);
    const values = ['a', 'b', 'c', 'd'].map((c) => c.repeat(20 * MB));
    for (let k = 0; k < values.length; k++) values[k] = edit(db, `big:${k}`, values[k], 1);
    expect(cachedBitmap(db, 'big:0', values[0])).toBeUndefined();
    for (let k = 1; k < values.length; k++) expect(cachedBitmap(db, `big:${k}`, values[k])).toBeDefined();
    const huge = edit(db, 'huge', 'h'.repeat(70 * MB), 1);
    expect(cachedBitmap(db, 'huge', huge)).toBeDefined();
    for (let k = 0; k < values.length; k++) expect(cachedBitmap(db, `big:${k}`, values[k])).toBeUndefined();
  });

  it('forgets a tree once its key holds another string, and never keeps small bitmaps', () => {
    const db = new Keyspace({ dbCount: 1, shardCount: 1 }).db(0);
    const value = edit(db, 'k', 'x'.repeat(MB), 1);
    expect(cachedBitmap(db, 'k', value)).toBeDefined();
    expect(cachedBitmap(db, 'k', 'y'.repeat(MB))).toBeUndefined();
    expect(cachedBitmap(db, 'k', value)).toBeUndefined();
    const small = edit(db, 's', 'x'.repeat(1000), 1);
    expect(cachedBitmap(db, 's', small)).toBeUndefined();
  });
});
