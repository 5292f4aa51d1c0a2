/**
 * A small in-memory Carrier for the loops' unit tests: it keeps messages, detail records and opt-outs the way
 * the carrier does and lets a test inject faults. Not the demo carrier: no HTTP, no SDK.
 */
import {
  CarrierError,
  type Carrier,
  type CarrierMessage,
  type CarrierMessageStatus,
  type CarrierOptOut,
  type DetailRecord,
  type Page,
  type SendRequest,
} from '../../carrier/carrier';
import type { Clock } from '../../core/clock';

interface Stored {
  message: CarrierMessage;
  /** Detail records can appear late: listed only from this time on. */
  listedFrom: number;
}

type SendFault = { kind: 'refuse'; error: CarrierError } | { kind: 'accept_then_lose'; error: CarrierError };

export class FakeCarrier implements Carrier {
  readonly mode = 'demo' as const;
  /** Every text the carrier took, in order (what reached clients). */
  readonly accepted: CarrierMessage[] = [];
  readonly optOuts: CarrierOptOut[] = [];
  readonly blockedNumbers = new Set<string>();
  /** Every call's name, for tests that count round trips. */
  readonly calls: string[] = [];
  /** When true every call fails as if the connection were refused. */
  down = false;
  /** Detail records of new messages appear this long after the message. */
  recordDelayMs = 0;

  private readonly stored = new Map<string, Stored>();
  private readonly sendFaults: SendFault[] = [];
  private nextId = 1;
  private held: { release: () => void; promise: Promise<void> } | null = null;

  constructor(private readonly clock: Clock) {}

  /** The next sends fail with these errors, in order, without the carrier taking the text. */
  refuseNextSends(...errors: CarrierError[]): void {
    for (const error of errors) this.sendFaults.push({ kind: 'refuse', error });
  }

  /** The next send is taken by the carrier, but its answer is lost (a timeout after the request left). */
  acceptThenLoseNextSend(
    error = new CarrierError('unknown_outcome', 'The carrier did not answer in time'),
  ): void {
    this.sendFaults.push({ kind: 'accept_then_lose', error });
  }

  /** Sends wait until the returned function is called (to stop the desk with a send in flight). */
  holdSends(): () => void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { release, promise };
    return () => {
      this.held = null;
      release();
    };
  }

  injectInbound(
    from: string,
    text: string,
    options: { to?: string; at?: number; listedAfterMs?: number } = {},
  ): string {
    const createdAt = options.at ?? this.clock.now();
    const message: CarrierMessage = {
      carrierId: `in-${this.nextId++}`,
      direction: 'inbound',
      from,
      to: options.to ?? '+15550100000',
      text,
      status: 'received',
      createdAt,
    };
    this.stored.set(message.carrierId, {
      message,
      listedFrom: createdAt + (options.listedAfterMs ?? this.recordDelayMs),
    });
    return message.carrierId;
  }

  setStatus(carrierId: string, status: CarrierMessageStatus, error?: CarrierMessage['error']): void {
    const entry = this.stored.get(carrierId);
    if (!entry) throw new Error(`no message ${carrierId}`);
    entry.message = { ...entry.message, status, ...(error ? { error } : {}) };
  }

  addOptOut(e164: string, options: { at?: number; keyword?: string } = {}): void {
    this.optOuts.push({
      e164,
      from: '+15550100000',
      keyword: options.keyword ?? 'STOP',
      createdAt: options.at ?? this.clock.now(),
    });
  }

  async send(request: SendRequest): Promise<CarrierMessage> {
    this.calls.push('send');
    if (this.held) await this.held.promise;
    this.failIfDown();
    const fault = this.sendFaults.shift();
    if (fault?.kind === 'refuse') throw fault.error;
    if (this.blockedNumbers.has(request.to)) {
      throw new CarrierError('opted_out', 'Blocked due to STOP message', { code: '40300', status: 403 });
    }
    const message: CarrierMessage = {
      carrierId: `out-${this.nextId++}`,
      direction: 'outbound',
      from: request.from,
      to: request.to,
      text: request.text,
      status: 'queued',
      createdAt: this.clock.now(),
    };
    this.stored.set(message.carrierId, { message, listedFrom: message.createdAt + this.recordDelayMs });
    this.accepted.push(message);
    if (fault?.kind === 'accept_then_lose') throw fault.error;
    return { ...message };
  }

  async getMessage(carrierId: string): Promise<CarrierMessage> {
    this.calls.push('getMessage');
    this.failIfDown();
    const entry = this.stored.get(carrierId);
    if (!entry) throw new CarrierError('permanent', 'Message not found', { status: 404 });
    return { ...entry.message };
  }

  async listDetailRecords(query: {
    direction: 'inbound' | 'outbound';
    since: number;
    until?: number;
    pageNumber: number;
    pageSize: number;
  }): Promise<Page<DetailRecord>> {
    this.calls.push('listDetailRecords');
    this.failIfDown();
    const now = this.clock.now();
    const records = [...this.stored.values()]
      .filter(
        ({ message, listedFrom }) =>
          message.direction === query.direction &&
          listedFrom <= now &&
          message.createdAt >= query.since &&
          (query.until === undefined || message.createdAt <= query.until),
      )
      .map(({ message }) => message)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((message) => ({
        carrierId: message.carrierId,
        direction: message.direction,
        from: message.from,
        to: message.to,
        createdAt: message.createdAt,
        status: message.status,
      }));
    return paginate(records, query.pageNumber, query.pageSize);
  }

  async listOptOuts(query: {
    pageNumber: number;
    pageSize: number;
    since?: number;
  }): Promise<Page<CarrierOptOut>> {
    this.calls.push('listOptOuts');
    this.failIfDown();
    const since = query.since;
    const entries = this.optOuts.filter((entry) => since === undefined || entry.createdAt >= since);
    return paginate(entries, query.pageNumber, query.pageSize);
  }

  async setHelpAutoResponse(): Promise<void> {
    this.failIfDown();
  }

  async testConnection(): Promise<void> {
    this.failIfDown();
  }

  private failIfDown(): void {
    if (this.down) throw new CarrierError('transient', 'connect ECONNREFUSED 127.0.0.1');
  }
}

function paginate<T>(items: T[], pageNumber: number, pageSize: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  return { items: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), pageNumber, totalPages };
}
