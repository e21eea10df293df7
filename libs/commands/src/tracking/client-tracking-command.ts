import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { BCAST, NOLOOP, OPTIN, OPTOUT } from './client-tracking';

const OPTION_FLAGS: Readonly<Record<string, number>> = {
  bcast: BCAST,
  optin: OPTIN,
  optout: OPTOUT,
  noloop: NOLOOP,
};

const TrackingErr = {
  oneRedirect: 'ERR A client can only redirect to a single other client',
  noSuchRedirect: 'ERR The client ID you want redirect to does not exist',
  prefixNeedsBcast: 'ERR PREFIX option requires BCAST mode to be enabled',
  bcastSwitch:
    "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
  bcastOptinOptout: 'ERR OPTIN and OPTOUT are not compatible with BCAST',
  optinAndOptout: "ERR You can't specify both OPTIN mode and OPTOUT mode",
  optSwitch:
    "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
} as const;

interface TrackingRequest {
  redirect: number;
  options: number;
  prefixes: string[];
}

/** The options after ON/OFF, checked as Redis reads them (an error reply ends the command). */
function parseOptions(client: Client, argv: string[]): TrackingRequest | null {
  const request: TrackingRequest = { redirect: 0, options: 0, prefixes: [] };
  for (let j = 3; j < argv.length; j++) {
    const option = argv[j].toLowerCase();
    const more = j < argv.length - 1;
    if (option === 'redirect' && more) {
      j++;
      if (request.redirect !== 0) return refuse(client, TrackingErr.oneRedirect);
      const id = parseInteger(argv[j]);
      if (id === null) return refuse(client, Err.notInteger);
      if (!client.server.clients.has(id)) return refuse(client, TrackingErr.noSuchRedirect);
      request.redirect = id;
    } else if (option === 'prefix' && more) {
      request.prefixes.push(argv[++j]);
    } else if (Object.hasOwn(OPTION_FLAGS, option)) {
      request.options |= OPTION_FLAGS[option];
    } else {
      return refuse(client, Err.syntax);
    }
  }
  return request;
}

function refuse(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}

/** The first of Redis's compatibility errors for turning tracking on with these options, or null. */
function incompatibility(client: Client, { options, prefixes }: TrackingRequest): string | null {
  const current = client.tracking;
  if ((options & BCAST) === 0 && prefixes.length > 0) return TrackingErr.prefixNeedsBcast;
  if (current !== null && current.bcast !== ((options & BCAST) !== 0)) return TrackingErr.bcastSwitch;
  if (options & BCAST && options & (OPTIN | OPTOUT)) return TrackingErr.bcastOptinOptout;
  if (options & OPTIN && options & OPTOUT) return TrackingErr.optinAndOptout;
  if (current !== null && ((options & OPTIN && current.optout) || (options & OPTOUT && current.optin)))
    return TrackingErr.optSwitch;
  return options & BCAST ? prefixCollision(client, prefixes) : null;
}

/** Two prefixes collide when one starts the other: a key under both would be announced twice. */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * Whether any two of the prefixes overlap, in O(n log n): in byte order, a prefix of another string sorts just
 * before the strings that start with it, so an overlap always shows between neighbours.
 */
function anyOverlap(prefixes: readonly string[]): boolean {
  const sorted = [...prefixes].sort();
  for (let k = 1; k < sorted.length; k++) if (sorted[k].startsWith(sorted[k - 1])) return true;
  return false;
}

/**
 * checkPrefixCollisionsOrReply: each new prefix against the client's own, then against the later new ones. The
 * pairwise search that names Redis's pair runs only when there is an overlap: a long list of good prefixes must
 * not stall the server (20,000 took 12 s pairwise).
 */
function prefixCollision(client: Client, prefixes: readonly string[]): string | null {
  const existing = client.tracking?.prefixes ?? [];
  if (!anyOverlap([...existing, ...prefixes])) return null;
  for (let i = 0; i < prefixes.length; i++) {
    for (const old of existing)
      if (overlaps(old, prefixes[i]))
        return `ERR Prefix '${prefixes[i]}' overlaps with an existing prefix '${old}'. Prefixes for a single client must not overlap.`;
    for (let j = i + 1; j < prefixes.length; j++)
      if (overlaps(prefixes[i], prefixes[j]))
        return `ERR Prefix '${prefixes[i]}' overlaps with another provided prefix '${prefixes[j]}'. Prefixes for a single client must not overlap.`;
  }
  return null;
}

export const clientTrackingCommand = defineCommand({
  name: 'client|tracking',
  arity: -3,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Enable or disable server assisted client side caching support',
  since: '6.0.0',
  complexity: 'O(1). Some options may introduce additional complexity.',
  execute(client: Client, argv: string[]): void {
    const request = parseOptions(client, argv);
    if (request === null) return;
    const mode = argv[2].toLowerCase();
    if (mode === 'on') {
      const error = incompatibility(client, request);
      if (error !== null) return client.reply.error(error);
      client.server.tracking.enable(client, request.redirect, request.options, request.prefixes);
    } else if (mode === 'off') {
      client.server.tracking.disable(client);
    } else {
      return client.reply.error(Err.syntax);
    }
    client.reply.ok();
  },
});
