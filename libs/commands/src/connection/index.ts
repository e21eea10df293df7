import type { CommandSpec } from '../command-spec';
import { authCommand } from './auth';
import { clientCommand } from './client-command';
import { echoCommand } from './echo';
import { helloCommand } from './hello';
import { pingCommand } from './ping';
import { quitCommand } from './quit';
import { resetCommand } from './reset';
import { selectCommand } from './select';

/** The connection family: PING, ECHO, QUIT, RESET, HELLO, AUTH, SELECT and CLIENT. */
export const connectionCommands: readonly CommandSpec[] = [
  pingCommand,
  echoCommand,
  quitCommand,
  resetCommand,
  helloCommand,
  authCommand,
  selectCommand,
  clientCommand,
];
