import { DrakeServer } from './server';
import { FlagError, flagsHelp, parseFlags } from './flags';

const VERSION = '0.1.0';

/** drake-server entry point: flags → server → listen; a bad flag or a busy port is a clear message and exit 1. */
async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(flagsHelp());
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`drake-server ${VERSION}\n`);
    return;
  }
  const flags = parseFlags(argv, process.env);
  const server = new DrakeServer(flags);
  process.on('SIGTERM', () => server.shutdown('SIGTERM'));
  process.on('SIGINT', () => server.shutdown('SIGINT'));
  await server.listen();
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof FlagError ? err.message : `cannot start: ${(err as Error).message}`;
  process.stderr.write(`drake-server: ${message}\n`);
  process.exit(1);
});
