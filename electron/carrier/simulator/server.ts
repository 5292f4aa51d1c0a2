/**
 * The demo carrier: a Telnyx-compatible HTTP server on 127.0.0.1 (the API subset under /v2, answering in
 * Telnyx's shapes) plus a control API under /__sim/ for simulated client replies and injected faults.
 * With no credentials the desk runs on it through the real Telnyx SDK, so demo, tests and production share
 * one code path.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { systemClock, type Clock, type TimerHandle } from '../../core/clock';
import { handleApiRequest } from './api';
import { telnyxErrors, errorBody } from './errors';
import { faultsPatchSchema, type Faults, type FaultsPatch } from './faults';
import { DEFAULT_TIMINGS, DemoCarrierState, isE164, type SimRecord, type StatusTimings } from './state';

export type { Faults, FaultsPatch } from './faults';
export type { SimRecord, StatusTimings } from './state';

export const DEMO_MESSAGING_PROFILE_ID = '4d0d0e5c-7e5a-4c1e-9c3f-2f1e0de5a001';
export const DEMO_BUSINESS_NUMBER = '+15550100000';

export interface DemoCarrierOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A fresh random key per start unless given. */
  apiKey?: string;
  /** Drives delivery status and record times; real time unless given. */
  clock?: Clock;
  messagingProfileId?: string;
  /** Where client replies go when the client was never texted from another number. */
  businessNumber?: string;
  /** Telnyx confirms a STOP with its own text by default; false for a profile where that is turned off. */
  carrierSendsStopReply?: boolean;
  /** How fast texts move queued → sent → delivered on the carrier's clock. */
  timings?: Partial<StatusTimings>;
}

export interface DemoCarrier {
  /** `http://127.0.0.1:N` */
  readonly url: string;
  /** `url + '/v2'`: what the Telnyx SDK's baseURL is set to. */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly messagingProfileId: string;
  readonly businessNumber: string;
  /** A client's text arrives (as POST /__sim/inbound). `to` defaults to the number that last texted them. */
  injectInbound(from: string, text: string, to?: string): SimRecord;
  /** Every outbound text with its current status, the carrier's own auto-replies included (as GET /__sim/outbound). */
  outbound(): SimRecord[];
  /** Client numbers the carrier blocks after a STOP. */
  blockedNumbers(): string[];
  faults(): Faults;
  /** Changes the named faults (as POST /__sim/faults); resolves once a refused or reopened port has settled. */
  setFaults(faults: FaultsPatch): Promise<void>;
  /** Forgets every message, block, auto-response and fault (as POST /__sim/reset). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const inboundSchema = z.strictObject({
  from: z.string().refine(isE164, 'must be an E.164 number such as +15551234567'),
  to: z.string().refine(isE164, 'must be an E.164 number such as +15551234567').optional(),
  text: z.string().min(1, 'cannot be empty').max(1600, 'is longer than 1600 characters'),
});

const MAX_BODY_BYTES = 1_000_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function startDemoCarrier(options: DemoCarrierOptions = {}): Promise<DemoCarrier> {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  if (timings.deliveredAfterMs < timings.sentAfterMs) throw new Error('Delivery cannot come before sending.');
  const carrier = new DemoCarrierServer(
    new DemoCarrierState(options.clock ?? systemClock, {
      businessNumber: options.businessNumber ?? DEMO_BUSINESS_NUMBER,
      carrierSendsStopReply: options.carrierSendsStopReply ?? true,
      timings,
    }),
    options.apiKey ?? `KEYDEMO${randomBytes(16).toString('hex').toUpperCase()}`,
    options.messagingProfileId ?? DEMO_MESSAGING_PROFILE_ID,
    options.clock ?? systemClock,
  );
  await carrier.listen(options.port ?? 0);
  return carrier;
}

class DemoCarrierServer implements DemoCarrier {
  private readonly server: Server;
  private port = 0;
  private listening = false;
  private closed = false;
  /** Answers held back by the timeout-after-accept fault, ended when the client gives up or we close. */
  private readonly held = new Set<ServerResponse>();
  private restoreTimer: TimerHandle | null = null;
  /** Port changes (refuse, reopen, close) run one at a time. */
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: DemoCarrierState,
    readonly apiKey: string,
    readonly messagingProfileId: string,
    private readonly clock: Clock,
  ) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(() => {
        if (!response.headersSent && !response.destroyed)
          send(response, 500, errorBody(telnyxErrors.unexpected()));
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get baseURL(): string {
    return `${this.url}/v2`;
  }

  get businessNumber(): string {
    return this.state.config.businessNumber;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  injectInbound(from: string, text: string, to?: string): SimRecord {
    const input = inboundSchema.parse({ from, text, ...(to === undefined ? {} : { to }) });
    return this.state.record(this.state.inbound(input.from, input.text, input.to));
  }

  outbound(): SimRecord[] {
    return this.state
      .all()
      .filter((message) => message.direction === 'outbound')
      .map((message) => this.state.record(message));
  }

  blockedNumbers(): string[] {
    return this.state.optOuts().map((block) => block.e164);
  }

  faults(): Faults {
    return structuredClone(this.state.faults);
  }

  setFaults(patch: FaultsPatch): Promise<void> {
    this.applyFaults(faultsPatchSchema.parse(patch));
    return this.settlePort();
  }

  /** Changes the faults at once; the port follows on the next settlePort. */
  private applyFaults(patch: FaultsPatch): void {
    Object.assign(this.state.faults, patch);
    if ('down' in patch || 'downForMs' in patch) this.scheduleRestore();
  }

  reset(): Promise<void> {
    this.state.reset();
    this.scheduleRestore();
    for (const response of this.held) response.destroy();
    this.held.clear();
    return this.settlePort();
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.restoreTimer) this.clock.clearTimeout(this.restoreTimer);
    return this.queue(() => this.stopListening());
  }

  private scheduleRestore(): void {
    if (this.restoreTimer) this.clock.clearTimeout(this.restoreTimer);
    this.restoreTimer = null;
    const { down, downForMs } = this.state.faults;
    if (down === false || downForMs === null) return;
    this.restoreTimer = this.clock.setTimeout(() => {
      this.restoreTimer = null;
      this.state.faults.down = false;
      void this.settlePort();
    }, downForMs);
  }

  /** Opens or closes the port to match the `refuse` fault. */
  private settlePort(): Promise<void> {
    return this.queue(async () => {
      if (this.closed) return;
      const refuse = this.state.faults.down === 'refuse';
      if (refuse && this.listening) await this.stopListening();
      if (!refuse && !this.listening) await this.listen(this.port);
    });
  }

  private queue(step: () => Promise<void>): Promise<void> {
    this.transitions = this.transitions.then(step, step);
    return this.transitions;
  }

  private async stopListening(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    for (const response of this.held) response.destroy();
    this.held.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__sim/')) return this.handleControl(request, response, url.pathname);
    if (url.pathname !== '/v2' && !url.pathname.startsWith('/v2/')) {
      return send(response, 404, errorBody(telnyxErrors.notFound()));
    }
    if (this.state.faults.down === 'close') {
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    const latency = this.state.faults.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const answer = handleApiRequest(
      { state: this.state, apiKey: this.apiKey, messagingProfileId: this.messagingProfileId },
      {
        method: request.method ?? 'GET',
        path: url.pathname.slice('/v2'.length),
        query: url.searchParams,
        authorization: request.headers.authorization,
        body: body ?? '',
      },
    );
    if (answer.hold) {
      this.held.add(response);
      response.on('close', () => this.held.delete(response));
      return;
    }
    send(response, answer.status, answer.body, answer.headers);
  }

  private async handleControl(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
      return send(response, 403, { error: 'The control API answers only on this computer.' });
    }
    const raw = await readBody(request);
    let json: unknown = {};
    try {
      json = raw ? JSON.parse(raw) : {};
    } catch {
      return send(response, 400, { error: 'The request body is not valid JSON.' });
    }
    const invalid = (error: z.ZodError) => send(response, 400, { error: z.prettifyError(error) });
    const route = `${request.method ?? 'GET'} ${path}`;
    switch (route) {
      case 'POST /__sim/inbound': {
        const input = inboundSchema.safeParse(json);
        if (!input.success) return invalid(input.error);
        return send(response, 200, {
          data: this.injectInbound(input.data.from, input.data.text, input.data.to),
        });
      }
      case 'GET /__sim/outbound':
        return send(response, 200, { data: this.outbound() });
      case 'GET /__sim/faults':
        return send(response, 200, { data: this.faults() });
      case 'POST /__sim/faults': {
        const patch = faultsPatchSchema.safeParse(json);
        if (!patch.success) return invalid(patch.error);
        this.applyFaults(patch.data);
        // Answer before a refused port takes this very connection down.
        await new Promise<void>((resolve) => {
          response.once('finish', resolve);
          response.once('close', resolve);
          send(response, 200, { data: this.faults() });
        });
        await this.settlePort();
        return;
      }
      case 'POST /__sim/reset':
        await this.reset();
        return send(response, 200, { data: 'OK' });
      default:
        return send(response, 404, { error: `No control route ${route}.` });
    }
  }
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 0 ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
