/**
 * printf's "%.17g" exactly as glibc prints it, for score text inside listpacks and ziplists: @drake/resp's
 * formatDouble (which rounds exact ties to even and prints large integers exactly, as glibc does).
 */
export { formatDouble as formatG17 } from '@drake/resp';
