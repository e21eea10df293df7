import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FlagError, parseFlags } from './flags';

describe('parseFlags', () => {
  it('starts from the defaults', () => {
    const flags = parseFlags([]);
    expect(flags.port).toBe('6379');
    expect(flags.dbnum).toBe('16');
    expect(flags.requirepass).toBe('');
  });

  it('accepts --name=value and --name value', () => {
    expect(parseFlags(['--port=7000']).port).toBe('7000');
    expect(parseFlags(['--port', '7001']).port).toBe('7001');
    expect(parseFlags(['-port=7002']).port).toBe('7002');
  });

  it('reads octal flags in canonical form, and Redis-style names with dashes', () => {
    expect(parseFlags([]).unixsocketperm).toBe('0');
    expect(parseFlags(['--unixsocketperm', '0700']).unixsocketperm).toBe('700');
    expect(parseFlags(['--unixsocketperm=777']).unixsocketperm).toBe('777');
    expect(parseFlags(['--enable-debug-command', 'local']).enable_debug_command).toBe('local');
  });

  it('reads DRAKE_* environment variables, overridden by the command line', () => {
    expect(parseFlags([], { DRAKE_PORT: '7100' }).port).toBe('7100');
    expect(parseFlags(['--port=7200'], { DRAKE_PORT: '7100' }).port).toBe('7200');
  });

  it('reads --flagfile lines, skipping comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drake-flags-'));
    const file = join(dir, 'flags');
    writeFileSync(file, '# test flags\n--port=7300\n\n--requirepass=secret\n');
    const flags = parseFlags([`--flagfile=${file}`]);
    expect(flags.port).toBe('7300');
    expect(flags.requirepass).toBe('secret');
  });

  it.each([
    [['--port=abc'], /--port expects an integer/],
    [['--port=70000'], /--port must be between 0 and 65535/],
    [['--dbnum=0'], /--dbnum must be between 1/],
    [['--nosuchflag=1'], /unknown flag --nosuchflag/],
    [['--log_level=loud'], /--log_level must be one of/],
    [['--unixsocketperm=1000'], /--unixsocketperm expects an octal number up to 777/],
    [['--unixsocketperm=8'], /--unixsocketperm expects an octal number up to 777/],
    [['--unixsocketperm=-1'], /--unixsocketperm expects an octal number up to 777/],
    [['--port'], /--port needs a value/],
    [['stray'], /unexpected argument 'stray'/],
    [['--flagfile=/nonexistent/drake-flags'], /--flagfile=\/nonexistent\/drake-flags/],
  ])('rejects %j with a clear message', (args, message) => {
    expect(() => parseFlags(args)).toThrow(FlagError);
    expect(() => parseFlags(args)).toThrow(message);
  });

  it('rejects unknown DRAKE_* variables', () => {
    expect(() => parseFlags([], { DRAKE_PROT: '1' })).toThrow(/unknown flag DRAKE_PROT/);
  });
});
