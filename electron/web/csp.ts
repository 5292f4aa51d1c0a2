/**
 * The renderer's Content-Security-Policy, in one place: the browser-mode host sends it as a header, the Electron
 * shell sets it on the app's responses, and renderer/index.html carries the same policy in a meta tag (a test
 * keeps them equal). Nothing inline, nothing remote: the screens only load their own bundle and talk to their
 * own origin.
 */
const directives: [name: string, value: string][] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
  // Only honoured as a header; a meta tag must leave it out or the browser warns on every load.
  ['frame-ancestors', "'none'"],
];

const HEADER_ONLY = new Set(['frame-ancestors']);

export const RENDERER_CSP = directives.map(([name, value]) => `${name} ${value}`).join('; ');

export const RENDERER_CSP_META = directives
  .filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
