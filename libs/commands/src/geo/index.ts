import type { CommandSpec } from '../command-spec';
import {
  geoaddCommand,
  geodistCommand,
  geohashCommand,
  geoposCommand,
  georadiusbymemberCommand,
  georadiusbymemberRoCommand,
  georadiusCommand,
  georadiusRoCommand,
  geosearchCommand,
  geosearchstoreCommand,
} from './geo-commands';

export const geoCommands: readonly CommandSpec[] = [
  geoaddCommand,
  geoposCommand,
  geohashCommand,
  geodistCommand,
  georadiusCommand,
  georadiusRoCommand,
  georadiusbymemberCommand,
  georadiusbymemberRoCommand,
  geosearchCommand,
  geosearchstoreCommand,
];
