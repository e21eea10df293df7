/**
 * Splits an inline command line into arguments the way Redis's sdssplitargs does: whitespace separates,
 * "double quotes" understand \xHH and \n \r \t \b \a escapes, 'single quotes' only \'. A closing quote must be
 * followed by whitespace or the end. Returns null for unbalanced quotes. A NUL byte ends the line, as in C.
 */
export function splitInlineArgs(input: string): string[] | null {
  const nul = input.indexOf('\0');
  const line = nul === -1 ? input : input.slice(0, nul);
  const args: string[] = [];
  const len = line.length;
  let p = 0;
  for (;;) {
    while (p < len && isSpace(line.charCodeAt(p))) p++;
    if (p >= len) return args;
    let current = '';
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = p < len ? line.charCodeAt(p) : 0;
      if (inDouble) {
        if (p >= len) return null;
        if (c === 92 /* \ */ && p + 3 < len && line.charCodeAt(p + 1) === 120 /* x */ && isHex(line, p + 2)) {
          current += String.fromCharCode(parseInt(line.substr(p + 2, 2), 16));
          p += 3;
        } else if (c === 92 && p + 1 < len) {
          p++;
          current += unescape(line.charCodeAt(p));
        } else if (c === 34 /* " */) {
          if (p + 1 < len && !isSpace(line.charCodeAt(p + 1))) return null;
          done = true;
        } else {
          current += line[p];
        }
      } else if (inSingle) {
        if (p >= len) return null;
        if (c === 92 && p + 1 < len && line.charCodeAt(p + 1) === 39 /* ' */) {
          p++;
          current += "'";
        } else if (c === 39) {
          if (p + 1 < len && !isSpace(line.charCodeAt(p + 1))) return null;
          done = true;
        } else {
          current += line[p];
        }
      } else if (p >= len || c === 32 || c === 10 || c === 13 || c === 9) {
        done = true;
      } else if (c === 34) {
        inDouble = true;
      } else if (c === 39) {
        inSingle = true;
      } else {
        current += line[p];
      }
      if (p < len) p++;
    }
    args.push(current);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isHex(s: string, at: number): boolean {
  return isHexDigit(s.charCodeAt(at)) && isHexDigit(s.charCodeAt(at + 1));
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function unescape(c: number): string {
  switch (c) {
    case 110:
      return '\n';
    case 114:
      return '\r';
    case 116:
      return '\t';
    case 98:
      return '\b';
    case 97:
      return '\x07';
    default:
      return String.fromCharCode(c);
  }
}
