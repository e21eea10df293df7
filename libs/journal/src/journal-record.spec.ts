import { kindOfCode, KIND_CODES, recordProblem, type JournalRecord } from './journal-record';

const base: JournalRecord = { lsn: 1, kind: 'command', dbIndex: 0, txid: 0, argv: ['SET', 'k', 'v'] };

describe('recordProblem', () => {
  it('accepts each kind in its well-formed shape', () => {
    expect(recordProblem(base)).toBeNull();
    expect(recordProblem({ ...base, txid: 7 })).toBeNull();
    expect(recordProblem({ ...base, kind: 'exec', txid: 7, argv: [] })).toBeNull();
    expect(recordProblem({ ...base, kind: 'barrier', txid: 3, argv: ['FLUSHALL'] })).toBeNull();
    expect(recordProblem({ ...base, kind: 'ping', lsn: 0, argv: [] })).toBeNull();
  });

  it.each<[string, Partial<JournalRecord>]>([
    ['negative lsn', { lsn: -1 }],
    ['fractional db', { dbIndex: 1.5 }],
    ['unsafe txid', { txid: 2 ** 53 }],
    ['lsn 0 on a stored kind', { lsn: 0 }],
    ['command without argv', { argv: [] }],
    ['exec without txid', { kind: 'exec', argv: [] }],
    ['exec with argv', { kind: 'exec', txid: 1 }],
    ['barrier without txid', { kind: 'barrier', argv: ['FLUSHALL'] }],
    ['ping with argv', { kind: 'ping' }],
    ['ping with txid', { kind: 'ping', argv: [], txid: 1 }],
    ['unknown kind', { kind: 'toString' as JournalRecord['kind'] }],
  ])('rejects %s', (_name, change) => {
    expect(recordProblem({ ...base, ...change })).toEqual(expect.any(String));
  });
});

describe('kind codes', () => {
  it('map back to their kinds, and nothing else does', () => {
    for (const [kind, code] of Object.entries(KIND_CODES)) expect(kindOfCode(code.charCodeAt(0))).toBe(kind);
    expect(kindOfCode('X'.charCodeAt(0))).toBeNull();
    expect(kindOfCode('c'.charCodeAt(0))).toBeNull();
  });
});
