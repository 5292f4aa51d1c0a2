import type { IncomingMessage } from 'node:http';
import type { DeskErrorShape } from '../../shared/errors';

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: DeskErrorShape };

/**
 * Reads a JSON request body, refusing one over the limit as soon as it is exceeded (without buffering the rest)
 * and answering malformed JSON with a typed error instead of throwing.
 */
export function readJsonBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settle(tooLarge(limit));
        // Stop reading; the response will close the connection.
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () =>
      settle({
        ok: false,
        status: 400,
        error: { code: 'invalid_input', message: 'The request was cut off.' },
      }),
    );
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim().length === 0) {
        settle({ ok: true, value: {} });
        return;
      }
      try {
        settle({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        settle({
          ok: false,
          status: 400,
          error: { code: 'invalid_input', message: 'The request body is not valid JSON.' },
        });
      }
    });
  });
}

function tooLarge(limit: number): BodyResult {
  return {
    ok: false,
    status: 413,
    error: { code: 'invalid_input', message: `The request is larger than ${Math.round(limit / 1024)} KB.` },
  };
}
