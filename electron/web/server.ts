import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isApiMethod } from '../../shared/api';
import type { DeskErrorShape, Result } from '../../shared/errors';
import type { Log } from '../core/log';
import type { Desk } from '../desk';
import { readJsonBody } from './body';
import { RENDERER_CSP } from './csp';
import { EventStreams } from './event-stream';
import {
  isAllowedHost,
  isAllowedOrigin,
  presentedToken,
  sameToken,
  staffNameFrom,
  tokenCookie,
} from './security';
import { sendStaticFile, sendText } from './static-files';

export interface WebServerOptions {
  desk: Pick<Desk, 'call' | 'events'>;
  /** This launch's key; every request must present it. */
  token: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  log: Log;
}

export interface WebServer {
  /** Listens on 127.0.0.1 only; port 0 picks a free one. Resolves with the port in use. */
  listen(port: number): Promise<number>;
  close(): Promise<void>;
  readonly openEventStreams: number;
  /** The address the socket is bound to (always 127.0.0.1). */
  readonly boundAddress: string | null;
}

const LOOPBACK = '127.0.0.1';

export function createWebServer(options: WebServerOptions): WebServer {
  const streams = new EventStreams((listener) => options.desk.events.subscribe(listener));
  let port = -1;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error('Browser-mode request failed', { url: req.url, error: String(error) });
      if (!res.headersSent)
        sendJson(res, 500, failure('internal', 'The desk could not answer; nothing was lost.'));
      else res.destroy();
    });
  });
  // A slow or stalled client must not hold a connection open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      sendText(res, 421, 'This desk only answers at 127.0.0.1 or localhost on its own port.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      if (!isAllowedOrigin(req, port)) return forbidden(res);
      if (!authorised(req)) return unauthorised(res);
      streams.accept(req, res);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      await handleApiCall(req, res, url.pathname.slice('/api/'.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD');

    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameToken(offered, options.token)) return unauthorisedPage(res);
      // Swap the key in the address for a cookie and drop it from the address bar and the history.
      res.statusCode = 303;
      res.setHeader('Set-Cookie', tokenCookie(port, options.token));
      url.searchParams.delete('token');
      res.setHeader('Location', `${url.pathname}${url.search}`);
      res.end();
      return;
    }
    if (!authorised(req)) return unauthorisedPage(res);
    sendStaticFile(options.staticDir, url.pathname, res, req.method === 'HEAD');
  }

  async function handleApiCall(req: IncomingMessage, res: ServerResponse, methodName: string): Promise<void> {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    if (!isAllowedOrigin(req, port)) return forbidden(res);
    if (!authorised(req)) return unauthorised(res);
    // JSON only: a cross-site form cannot send it without a CORS preflight, which this host never grants.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      sendJson(res, 415, failure('invalid_input', 'Send the request body as application/json.'));
      return;
    }
    if (!isApiMethod(methodName)) {
      sendJson(res, 404, failure('not_found', `Unknown API method "${methodName}".`));
      return;
    }
    const body = await readJsonBody(req);
    if (!body.ok) {
      res.setHeader('Connection', 'close');
      sendJson(res, body.status, { ok: false, error: body.error });
      return;
    }
    const staffName = staffNameFrom(req);
    const result = await options.desk.call(
      methodName,
      body.value,
      staffName === undefined ? {} : { staffName },
    );
    sendJson(res, 200, result);
  }

  function authorised(req: IncomingMessage): boolean {
    return sameToken(presentedToken(req, port), options.token);
  }

  return {
    listen(wanted) {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        server.once('error', onError);
        server.listen(wanted, LOOPBACK, () => {
          server.off('error', onError);
          port = (server.address() as AddressInfo).port;
          resolve(port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    get openEventStreams() {
      return streams.count;
    },
    get boundAddress() {
      const address = server.address();
      return address && typeof address === 'object' ? address.address : null;
    },
  };
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', RENDERER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function failure(code: DeskErrorShape['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendJson(res, 405, failure('invalid_input', `Use ${allow} here.`));
}

function forbidden(res: ServerResponse): void {
  sendJson(res, 403, failure('unauthorized', 'Only the desk’s own page may call it.'));
}

function unauthorised(res: ServerResponse): void {
  sendJson(
    res,
    401,
    failure(
      'unauthorized',
      'This request needs the key from the address FrontDesk SMS printed when it started.',
    ),
  );
}

function unauthorisedPage(res: ServerResponse): void {
  sendText(
    res,
    401,
    'FrontDesk SMS: open the full address printed in the terminal when the desk started (it ends with ?token=…). ' +
      'Each start makes a new one.',
  );
}
