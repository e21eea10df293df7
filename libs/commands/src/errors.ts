/** Error replies with Redis 7.0's exact texts (without the leading '-'). One catalogue, so every command says the same thing. */
export const Err = {
  syntax: 'ERR syntax error',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  noAuth: 'NOAUTH Authentication required.',
  wrongPass: 'WRONGPASS invalid username-password pair or user is disabled.',
  overflow: 'ERR increment or decrement would overflow',
  dbIndexOutOfRange: 'ERR DB index is out of range',
  noSuchKey: 'ERR no such key',
  readonly: "READONLY You can't write against a read only replica.",
  loading: 'LOADING Redis is loading the dataset in memory',
  stringTooLong: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
} as const;

export function arityError(name: string): string {
  return `ERR wrong number of arguments for '${name}' command`;
}

export function invalidExpireError(name: string): string {
  return `ERR invalid expire time in '${name}' command`;
}

/** Redis quotes at most 128 bytes of the name and of each argument, each followed by a space. */
export function unknownCommandError(argv: readonly string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++)
    args += `'${cString(argv[i]).slice(0, 128 - args.length)}' `;
  return noNewlines(
    `ERR unknown command '${cString(argv[0]).slice(0, 128)}', with args beginning with: ${args}`,
  );
}

export function unknownSubcommandError(parent: string, sub: string): string {
  return noNewlines(
    `ERR unknown subcommand '${cString(sub).slice(0, 128)}'. Try ${parent.toUpperCase()} HELP.`,
  );
}

/** Redis's addReplySubcommandSyntaxError: a known subcommand with the wrong arguments. */
export function subcommandSyntaxError(parent: string, sub: string): string {
  return noNewlines(
    `ERR unknown subcommand or wrong number of arguments for '${cString(sub).slice(0, 128)}'. Try ${parent.toUpperCase()} HELP.`,
  );
}

/** Redis formats user text into errors with printf's %s, which stops at the first NUL byte. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

/**
 * Redis's formatted errors: CR/LF at either end are trimmed (the reply adds its own CRLF) and those left inside
 * become spaces, so user text cannot break the protocol.
 */
export function noNewlines(message: string): string {
  return message.replace(/^[\r\n]+|[\r\n]+$/g, '').replace(/[\r\n]/g, ' ');
}
