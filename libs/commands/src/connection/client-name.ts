/**
 * Client names (and CLIENT SETINFO values) are printable ASCII without spaces, '!' through '~', so that
 * CLIENT LIST stays one parsable line per client. The empty name clears it.
 */
export function isValidClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}
