/**
 * The one door to the carrier. Telnyx and the demo carrier both sit behind it (the demo carrier is reached
 * through the same Telnyx SDK adapter), so demo, tests and production share one code path.
 */

export interface SendRequest {
  from: string;
  to: string;
  text: string;
}

/** Telnyx's message statuses, as the carrier reports them. */
export type CarrierMessageStatus =
  | 'scheduled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'sending_failed'
  | 'delivery_failed'
  | 'delivery_unconfirmed'
  | 'webhook_delivered'
  | 'received'
  | 'cancelled';

export interface CarrierMessage {
  carrierId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  text: string;
  status: CarrierMessageStatus;
  /** The first carrier error, if the message failed. */
  error?: { code: string; title: string; detail?: string };
  createdAt: number;
}

export interface DetailRecord {
  carrierId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  createdAt: number;
  status?: string;
}

export interface Page<T> {
  items: T[];
  pageNumber: number;
  totalPages: number;
}

export interface CarrierOptOut {
  /** The client's number that opted out. */
  e164: string;
  /** The business number the block applies to. */
  from: string;
  keyword?: string;
  createdAt: number;
}

export interface Carrier {
  readonly mode: 'demo' | 'telnyx';
  /** Sends one text. Never retried inside: a retry after a timeout could text a client twice. */
  send(request: SendRequest): Promise<CarrierMessage>;
  getMessage(carrierId: string): Promise<CarrierMessage>;
  /** Messaging detail records created in [since, until], oldest first. */
  listDetailRecords(query: {
    direction: 'inbound' | 'outbound';
    since: number;
    until?: number;
    pageNumber: number;
    pageSize: number;
  }): Promise<Page<DetailRecord>>;
  listOptOuts(query: { pageNumber: number; pageSize: number; since?: number }): Promise<Page<CarrierOptOut>>;
  /** Pushes the HELP answer to the messaging profile's auto-response, so HELP is answered while the desk is closed. */
  setHelpAutoResponse(text: string): Promise<void>;
  /** A cheap authenticated call, for "Test connection". */
  testConnection(): Promise<void>;
}

export type CarrierErrorKind =
  'auth' | 'opted_out' | 'invalid_number' | 'rate_limited' | 'transient' | 'unknown_outcome' | 'permanent';

/** A carrier failure, sorted into what the outbox and the UI must do about it. */
export class CarrierError extends Error {
  constructor(
    readonly kind: CarrierErrorKind,
    message: string,
    readonly details: {
      /** Telnyx error code, e.g. "40300". */
      code?: string;
      status?: number;
      /** How long the carrier asked us to wait (429 Retry-After). */
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'CarrierError';
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}
