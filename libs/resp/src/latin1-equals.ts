/**
 * True when buf[start, start + s.length) holds the latin1 bytes of `s` (the caller checks the lengths match).
 * Lets a decoder hand out the previous command name again instead of slicing a new string per frame.
 */
export function latin1Equals(buf: Uint8Array, start: number, s: string): boolean {
  const len = s.length;
  for (let i = 0; i < len; i++) if (buf[start + i] !== s.charCodeAt(i)) return false;
  return true;
}
