import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(extension: string): string {
  return CONTENT_TYPES[extension.toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file inside `root`, or null when it does not name one there. Paths that climb out of the
 * folder (`..`, encoded or not) or carry NUL bytes never reach the file system.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const absoluteRoot = path.resolve(root);
  const candidate = path.resolve(absoluteRoot, relative);
  if (candidate !== absoluteRoot && !candidate.startsWith(absoluteRoot + path.sep)) return null;
  return candidate;
}

/** Sends a built renderer file; answers 404 for anything that is not a regular file under the root. */
export function sendStaticFile(root: string, urlPath: string, res: ServerResponse, headOnly: boolean): void {
  const file = resolveStaticPath(root, urlPath);
  const stat = file ? statFile(file) : null;
  if (!file || !stat) {
    if (urlPath === '/' || urlPath === '/index.html') {
      sendText(
        res,
        503,
        'The screens are not built yet: run `npm run build:renderer`, then reload this page.',
      );
      return;
    }
    sendText(res, 404, 'Not found.');
    return;
  }
  const type = contentTypeFor(path.extname(file));
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', stat.size);
  // Vite names bundles by content hash, so they never change; the page itself must always be fresh.
  res.setHeader(
    'Cache-Control',
    urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
  );
  if (headOnly) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function statFile(file: string): fs.Stats | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}
