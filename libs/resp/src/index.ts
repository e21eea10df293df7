export { formatDouble } from './format-double';
export { ReplyWriter } from './reply-writer';
export { RequestParser, type RequestHandler, type RequestParserOptions } from './request-parser';
export { splitInlineArgs } from './split-args';
