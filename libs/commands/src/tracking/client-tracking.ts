/** CLIENT TRACKING options, as Redis's CLIENT_TRACKING_* flags. */
export const BCAST = 1;
export const OPTIN = 2;
export const OPTOUT = 4;
export const NOLOOP = 8;

/** A client's tracking state while CLIENT TRACKING is on (Client.tracking is null when it is off). */
export class ClientTracking {
  /** CLIENT CACHING yes (OPTIN) or no (OPTOUT) was given for the next command or transaction. */
  caching = false;
  /** The client invalidations were redirected to has gone (flag R, `tracking-redir-broken`). */
  brokenRedirect = false;
  /** BCAST prefixes in byte order, as Redis's client_tracking_prefixes radix tree lists them. */
  readonly prefixes: string[] = [];

  constructor(
    /** BCAST | OPTIN | OPTOUT | NOLOOP. */
    public options: number,
    /** The client id invalidations go to; 0 for this connection. */
    public redirect: number,
  ) {}

  get bcast(): boolean {
    return (this.options & BCAST) !== 0;
  }

  get optin(): boolean {
    return (this.options & OPTIN) !== 0;
  }

  get optout(): boolean {
    return (this.options & OPTOUT) !== 0;
  }

  get noloop(): boolean {
    return (this.options & NOLOOP) !== 0;
  }

  /** Whether the keys of the command that just ran are remembered (trackingRememberKeys' OPTIN/OPTOUT rule). */
  get remembersKeys(): boolean {
    if (this.optin) return this.caching;
    if (this.optout) return !this.caching;
    return true;
  }
}
