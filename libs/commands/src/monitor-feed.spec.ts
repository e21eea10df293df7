import fc from 'fast-check';
import { quoteRepr } from './monitor-feed';

/** sdscatrepr one character at a time, as Redis writes it: the reference quoteRepr must match. */
function reference(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else out += c >= 0x20 && c < 0x7f ? ch : '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + '"';
}

const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) });

describe('quoteRepr', () => {
  it("writes any argument as Redis's sdscatrepr does", () => {
    fc.assert(fc.property(latin1, (s) => quoteRepr(s) === reference(s)));
    expect(quoteRepr('a"b\\c\r\n\t\x07\x08\x00\xff é')).toBe('"a\\"b\\\\c\\r\\n\\t\\a\\b\\x00\\xff \\xe9"');
  });

  it('cuts an argument whose quoted form passes the limit, never inside an escape, and counts what it left out', () => {
    fc.assert(
      fc.property(latin1, fc.integer({ min: 2, max: 200 }), (s, maxChars) => {
        const quoted = quoteRepr(s, maxChars);
        const whole = reference(s);
        if (whole.length <= maxChars) return quoted === whole;
        const cut = /^("(?:[^"\\]|\\.)*")\.\.\. \((\d+) more bytes\)$/s.exec(quoted);
        if (cut === null) return false;
        const shown = s.length - Number(cut[2]);
        return cut[1] === reference(s.slice(0, shown)) && quoted.length <= Math.max(maxChars, 30);
      }),
    );
    expect(quoteRepr('x'.repeat(100), 60)).toBe(`"${'x'.repeat(18)}"... (82 more bytes)`);
  });
});
