import { promises as fs } from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { RENDERER_CSP } from '../web/csp';
import { contentTypeFor, resolveStaticPath } from '../web/static-files';
import { APP_HOST, APP_SCHEME } from './pages';

/** Must run before the app is ready: `app://` behaves like https (a real origin, secure context, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

/** Serves the built renderer at `app://desk/…`, with the CSP on every response and nothing outside the folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request.url));
}

export async function rendererResponse(rendererDir: string, url: string): Promise<Response> {
  const parsed = new URL(url);
  const file = parsed.host === APP_HOST ? resolveStaticPath(rendererDir, parsed.pathname) : null;
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypeFor(path.extname(file)),
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
