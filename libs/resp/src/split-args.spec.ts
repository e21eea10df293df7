import { splitInlineArgs } from './split-args';

describe('splitInlineArgs (sdssplitargs rules)', () => {
  it.each([
    ['SET a b', ['SET', 'a', 'b']],
    ['  PING  ', ['PING']],
    ['', []],
    ['   ', []],
    ['SET "a b" \'c d\'', ['SET', 'a b', 'c d']],
    ['ECHO "\\x41\\x4a\\n\\t\\r\\b\\a\\q"', ['ECHO', 'AJ\n\t\r\b\x07q']],
    ['ECHO "\\xZZ"', ['ECHO', 'xZZ']],
    ["ECHO 'it\\'s'", ['ECHO', "it's"]],
    ["ECHO 'a\\nb'", ['ECHO', 'a\\nb']],
    ['ECHO ab"cd"', ['ECHO', 'abcd']],
    ['ECHO ""', ['ECHO', '']],
    ['a\tb', ['a', 'b']],
    ['a\u0000 b', ['a']],
  ])('%j → %j', (line, args) => {
    expect(splitInlineArgs(line)).toEqual(args);
  });

  it.each(['SET "a', "SET 'a", 'ECHO "a"b', "ECHO 'a'b", 'ECHO "a\\'])('%j is unbalanced', (line) => {
    expect(splitInlineArgs(line)).toBeNull();
  });
});
