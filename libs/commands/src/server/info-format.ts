/** Redis's bytesToHuman: B below 1K, then two decimals with K, M, G, T, P. */
export function bytesToHuman(n: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (n < 1024) return `${n}B`;
  let value = n / 1024;
  for (const unit of units) {
    if (value < 1024 || unit === 'P') return `${value.toFixed(2)}${unit}`;
    value /= 1024;
  }
  return `${n}B`;
}

/** `# Title` and `key:value` lines, each ended by CRLF, as INFO prints a section. */
export function formatSection(title: string, lines: readonly string[]): string {
  let out = `# ${title}\r\n`;
  for (const line of lines) out += line + '\r\n';
  return out;
}

/**
 * A section the app supplies (ServerContext.infoSections): either its `key:value` lines or a whole section
 * starting with "# ". Line ends are normalized to CRLF and blank lines dropped.
 */
export function formatExternalSection(title: string, text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  if (lines.length > 0 && lines[0].startsWith('# ')) return formatSection(lines[0].slice(2), lines.slice(1));
  return formatSection(title, lines);
}
