import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh key for each launch: whoever holds the printed address may use the desk, nobody else. */
export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Cookies ignore ports, so two hosts on one machine (a desk and an end-to-end run) would overwrite each other's
 * cookie under one name; the port in the name keeps them apart.
 */
export function tokenCookieName(port: number): string {
  return `frontdesk_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  // HttpOnly: page scripts never see the key. SameSite=Strict: another site's page cannot make the browser send it.
  // No Max-Age: it lasts as long as the browser session; the next launch has a new key anyway.
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Only `127.0.0.1:N` and `localhost:N` are this host. Any other name means the request was routed here by a
 * DNS name an attacker controls (DNS rebinding), so it is refused even with a valid key.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser names the page that made a request; only pages served by this host may call the API. */
export function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    origin !== `http://127.0.0.1:${port}` &&
    origin !== `http://localhost:${port}`
  ) {
    return false;
  }
  const fetchSite = req.headers['sec-fetch-site'];
  return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
}

export function sameToken(presented: string | undefined, token: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key a request carries: the `x-desk-token` header (scripts, tests) or the cookie (the page, EventSource). */
export function presentedToken(req: IncomingMessage, port: number): string | undefined {
  const header = req.headers['x-desk-token'];
  if (typeof header === 'string') return header;
  return readCookie(req.headers.cookie, tokenCookieName(port));
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

const MAX_STAFF_NAME = 60;

/**
 * The staff member chosen at this workstation, from `x-desk-staff` (URI-encoded by the page, since header values
 * cannot carry every letter of a name). Anything malformed is ignored rather than recorded in the ledger.
 */
export function staffNameFrom(req: IncomingMessage): string | undefined {
  const raw = req.headers['x-desk-staff'];
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(raw).trim();
  } catch {
    return undefined;
  }
  // A staff name goes into the ledger and the CSV export: control characters are refused on purpose here.
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > MAX_STAFF_NAME || /[\u0000-\u001f\u007f]/.test(name))
    return undefined;
  return name;
}
