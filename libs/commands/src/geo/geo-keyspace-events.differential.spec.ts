/**
 * Keyspace notifications of the GEO write commands against a real redis-server 7.0: replies and the events a
 * `__key*__:*` subscriber hears must match, in order (GEOADD is heard as `zadd`; the STORE forms as
 * `georadiusstore` / `geosearchstore`, or `del` when they empty their destination). Read-only searches and
 * lookups of a missing key publish `keymiss` under `m`.
 */
import {
  describeAgainstRedis,
  itComparesEachCase,
  type EventCase,
} from '../testing/keyspace-events-scenarios';

const SICILY = ['GEOADD', 's', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'];

const CASES: readonly EventCase[] = [
  [
    'GEOADD new key, new and moved members, NX/XX/CH, errors',
    'KEA',
    [
      SICILY,
      SICILY,
      ['GEOADD', 's', 'XX', 'CH', '13', '38', 'Palermo', '1', '1', 'nope'],
      ['GEOADD', 's', 'NX', '14', '37', 'Palermo', '12', '36', 'Agrigento'],
      ['GEOADD', 's', '200', '100', 'bad'],
      ['GEOADD', 'other', 'XX', '1', '1', 'a'],
    ],
  ],
  [
    'GEORADIUS and GEORADIUSBYMEMBER STORE / STOREDIST, an empty result deleting the destination',
    'KEA',
    [
      SICILY,
      ['GEORADIUS', 's', '15', '37', '200', 'km', 'STORE', 'd'],
      ['GEORADIUSBYMEMBER', 's', 'Palermo', '300', 'km', 'STOREDIST', 'd'],
      ['GEORADIUS', 's', '0', '0', '1', 'km', 'STORE', 'd'],
      ['GEORADIUS', 'nokey', '0', '0', '1', 'km', 'STORE', 's'],
      ['GEORADIUS', 'nokey', '0', '0', '1', 'km', 'STORE', 's'],
    ],
  ],
  [
    'GEOSEARCHSTORE',
    'KEA',
    [
      SICILY,
      ['GEOSEARCHSTORE', 'd', 's', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'STOREDIST'],
      ['GEOSEARCHSTORE', 'd', 's', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1', 'm'],
      ['GEOSEARCHSTORE', 'd', 'nokey', 'FROMLONLAT', '1', '1', 'BYRADIUS', '1', 'km'],
    ],
  ],
  [
    'reads: hits and keymiss',
    'KEA',
    [
      SICILY,
      ['GEOPOS', 's', 'Palermo'],
      ['GEOPOS', 'nokey', 'a'],
      ['GEOHASH', 'nokey', 'a'],
      ['GEODIST', 'nokey', 'a', 'b'],
      ['GEORADIUS_RO', 'nokey', '0', '0', '1', 'km'],
      ['GEOSEARCH', 'nokey', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'],
    ],
  ],
];

describeAgainstRedis('GEO keyspace notifications against redis-server', 60_000, (oracle) => {
  itComparesEachCase(oracle, CASES);
});
