/** Error replies of the connection family, Redis 7.0's texts. */
export const ConnErr = {
  badClientName: 'ERR Client names cannot contain spaces, newlines or special characters.',
  authWithoutPassword:
    'ERR AUTH <password> called without any password configured for the default user. ' +
    'Are you sure your configuration is correct?',
  helloNoAuth:
    'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> ' +
    'option can be used to authenticate the client and select the RESP protocol version at the same time',
  noProto: 'NOPROTO unsupported protocol version',
  protoNotInteger: 'ERR Protocol version is not an integer or out of range',
  noSuchClient: 'ERR No such client',
  invalidClientId: 'ERR Invalid client ID',
  clientIdNotPositive: 'ERR client-id should be greater than 0',
} as const;

export function helloOptionError(option: string): string {
  return `ERR Syntax error in HELLO option '${option}'`;
}

export function unknownClientTypeError(type: string): string {
  return `ERR Unknown client type '${type}'`;
}

export function noSuchUserError(user: string): string {
  return `ERR No such user '${user}'`;
}
