export { formatDouble } from './format-double';
export { latin1Equals } from './latin1-equals';
export { asLatin1, type Latin1Buffer } from './latin1-buffer';
export { ReplyWriter } from './reply-writer';
export { shortLatin1 } from './short-latin1';
export { RequestParser, type RequestHandler, type RequestParserOptions } from './request-parser';
export { splitInlineArgs } from './split-args';
export { newArgv, NO_ARGS, putArg } from './new-argv';
