import type { Latin1Buffer } from './latin1-buffer';

/** Longest slice shortLatin1 builds in JS; longer ones go through Buffer#latin1Slice. */
export const SHORT_LATIN1_MAX = 24;

/**
 * The latin1 string of b[s, s + len), as Buffer#latin1Slice gives it. Up to SHORT_LATIN1_MAX bytes it is built by
 * String.fromCharCode with one argument per byte, which V8 runs without leaving JS: 15–45 ns against the 60–65 ns
 * that latin1Slice's call into C++ costs at any length (Node 20; at 32 bytes the two are even). Command arguments
 * (keys, small values, numbers) are mostly that short.
 */
export function shortLatin1(b: Latin1Buffer, s: number, len: number): string {
  const f = String.fromCharCode;
  // prettier-ignore
  switch (len) {
    case 0:
      return '';
    case 1:
      return f(b[s]);
    case 2:
      return f(b[s], b[s + 1]);
    case 3:
      return f(b[s], b[s + 1], b[s + 2]);
    case 4:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    case 9:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8]);
    case 10:
      return f(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9]);
    case 11:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10],
      );
    case 12:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11],
      );
    case 13:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12],
      );
    case 14:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13],
      );
    case 15:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14],
      );
    case 16:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15],
      );
    case 17:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16],
      );
    case 18:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17],
      );
    case 19:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18],
      );
    case 20:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19],
      );
    case 21:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19],
        b[s + 20],
      );
    case 22:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19],
        b[s + 20], b[s + 21],
      );
    case 23:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19],
        b[s + 20], b[s + 21], b[s + 22],
      );
    case 24:
      return f(
        b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9],
        b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15], b[s + 16], b[s + 17], b[s + 18], b[s + 19],
        b[s + 20], b[s + 21], b[s + 22], b[s + 23],
      );
    default:
      return b.latin1Slice(s, s + len);
  }
}

// Every case reads the buffer at its own sites. V8 optimizes this function once the common lengths have run, and a
// length that had not run yet would then throw it back to the interpreter ("insufficient type feedback"), once
// per new length. Running every length here first gives every site its feedback before any optimization, in
// several rounds: V8 starts recording a function's feedback only after its first calls (--trace-deopt showed the
// per-length deopts with 4 rounds, none with 8).
const WARM_UP = Buffer.alloc(SHORT_LATIN1_MAX) as Latin1Buffer;
for (let round = 0; round < 8; round++) {
  for (let len = 0; len <= SHORT_LATIN1_MAX; len++) shortLatin1(WARM_UP, 0, len);
}
