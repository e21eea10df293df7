/** The Redis version Drake advertises (HELLO, INFO server, LOLWUT-style probes). Replies are modelled on it. */
export const REDIS_VERSION = '7.0.15';
