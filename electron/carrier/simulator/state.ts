/**
 * The demo carrier's memory and rules, without HTTP: messages both ways, STOP blocks per number, auto-response
 * configs, and delivery status that moves with the carrier's clock (worked out on read, so no timers run).
 */
import { randomUUID } from 'node:crypto';
import { SegmentedMessage } from 'sms-segments-calculator';
import type { Clock } from '../../core/clock';
import type { CarrierMessage, CarrierMessageStatus } from '../carrier';
import { deliveryErrorTitle, telnyxErrors, type TelnyxErrorSpec } from './errors';
import { noFaults, type Faults } from './faults';
import { CARRIER_START_WORDS, CARRIER_STOP_WORDS, DEFAULT_STOP_REPLY, carrierKeyword } from './keywords';

export interface StatusTimings {
  /** queued → sent after this long. */
  sentAfterMs: number;
  /** sent → delivered (or delivery_failed) after this long from the send. */
  deliveredAfterMs: number;
}

export const DEFAULT_TIMINGS: StatusTimings = { sentAfterMs: 1_000, deliveredAfterMs: 3_000 };

/** Why the carrier itself sent a text (its answer to a keyword), or null when the desk sent it. */
export type AutoReplyKind = 'stop' | 'start' | 'help';

export interface SimMessage {
  id: string;
  seq: number;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  text: string;
  createdAt: number;
  /** When the message shows in detail records (inbound records may lag behind the text). */
  visibleAt: number;
  /** The delivery failure this text is bound for, fixed when it was sent. */
  failCode: string | null;
  autoReply: AutoReplyKind | null;
  encoding: 'GSM-7' | 'UCS-2';
  parts: number;
}

export interface OptOutBlock {
  /** The client's number. */
  e164: string;
  /** The business number the STOP was sent to. */
  from: string;
  keyword: string;
  createdAt: number;
}

export interface AutorespConfig {
  id: string;
  op: 'start' | 'stop' | 'info';
  keywords: string[];
  countryCode: string;
  respText: string | undefined;
  createdAt: number;
  updatedAt: number;
}

/** A text as the control API and tests see it: the shape of the app's own CarrierMessage. */
export interface SimRecord extends CarrierMessage {
  autoReply: AutoReplyKind | null;
}

export interface SendInput {
  from: string;
  to: string;
  text: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** Telnyx refuses more parts than this. */
const MAX_PARTS = 10;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** Shaped like a number a phone could have: NANP numbers need ten digits and an area code not starting 0 or 1. */
function isRoutable(e164: string): boolean {
  return e164.startsWith('+1') ? /^\+1[2-9]\d{9}$/.test(e164) : true;
}

export interface DemoCarrierConfig {
  businessNumber: string;
  carrierSendsStopReply: boolean;
  timings: StatusTimings;
}

export class DemoCarrierState {
  faults: Faults = noFaults();
  private messages: SimMessage[] = [];
  private byId = new Map<string, SimMessage>();
  private blocks = new Map<string, OptOutBlock>();
  private autoresp = new Map<string, AutorespConfig>();
  /** The business number that last texted each client: their replies go back to it. */
  private lastSender = new Map<string, string>();
  /** Times of recent accepted sends, for the messages-per-second cap. */
  private recentSends: number[] = [];
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    readonly config: DemoCarrierConfig,
  ) {}

  now(): number {
    return this.clock.now();
  }

  reset(): void {
    this.faults = noFaults();
    this.messages = [];
    this.byId.clear();
    this.blocks.clear();
    this.autoresp.clear();
    this.lastSender.clear();
    this.recentSends = [];
  }

  /** Seconds until another send fits under the messages-per-second cap, or null when it fits now. */
  rateCapWait(): number | null {
    const cap = this.faults.messagesPerSecond;
    if (cap === null) return null;
    const now = this.now();
    this.recentSends = this.recentSends.filter((at) => at > now - 1_000);
    if (this.recentSends.length < cap) return null;
    const oldest = this.recentSends[0] ?? now;
    return Math.max(1, Math.ceil((oldest + 1_000 - now) / 1_000));
  }

  /** Checks a send as Telnyx would and stores it; an error says why it was refused. */
  send(input: SendInput): { message: SimMessage } | { error: TelnyxErrorSpec } {
    if (!isE164(input.to)) return { error: telnyxErrors.notE164('to') };
    if (!isRoutable(input.to) || this.faults.invalidNumbers.includes(input.to)) {
      return { error: telnyxErrors.invalidTo() };
    }
    if (!isE164(input.from)) return { error: telnyxErrors.invalidFrom() };
    const segments = segmentsOf(input.text);
    if (segments.parts > MAX_PARTS) {
      return {
        error: telnyxErrors.badRequest(`The text needs more than ${MAX_PARTS} parts.`, { pointer: '/text' }),
      };
    }
    if (this.blocks.has(input.to)) return { error: telnyxErrors.blockedByStop(input.from, input.to) };
    const now = this.now();
    this.recentSends.push(now);
    this.lastSender.set(input.to, input.from);
    const message = this.add({
      direction: 'outbound',
      ...input,
      createdAt: now,
      visibleAt: now,
      failCode: this.faults.failDelivery[input.to] ?? null,
      autoReply: null,
    });
    return { message };
  }

  /** A text from a client arrives. The carrier acts on its own keywords; the text reaches the desk either way. */
  inbound(from: string, text: string, to?: string): SimMessage {
    const now = this.now();
    const business = to ?? this.lastSender.get(from) ?? this.config.businessNumber;
    const message = this.add({
      direction: 'inbound',
      from,
      to: business,
      text,
      createdAt: now,
      visibleAt: now + this.faults.inboundDelayMs,
      failCode: null,
      autoReply: null,
    });
    const word = carrierKeyword(text);
    const configFor = (op: AutorespConfig['op']) =>
      [...this.autoresp.values()].find(
        (config) => config.op === op && config.keywords.some((keyword) => carrierKeyword(keyword) === word),
      );

    const stopConfig = configFor('stop');
    if (stopConfig || CARRIER_STOP_WORDS.includes(word)) {
      // Only a new block is confirmed: a second STOP from a blocked number gets no second reply.
      if (!this.blocks.has(from)) {
        this.blocks.set(from, { e164: from, from: business, keyword: word, createdAt: now });
        const reply =
          stopConfig?.respText ?? (this.config.carrierSendsStopReply ? DEFAULT_STOP_REPLY : undefined);
        if (reply) this.autoReply(business, from, reply, 'stop');
      }
      return message;
    }
    const startConfig = configFor('start');
    if (startConfig || CARRIER_START_WORDS.includes(word)) {
      this.blocks.delete(from);
      if (startConfig?.respText) this.autoReply(business, from, startConfig.respText, 'start');
      return message;
    }
    const infoConfig = configFor('info');
    if (infoConfig?.respText) this.autoReply(business, from, infoConfig.respText, 'help');
    return message;
  }

  get(id: string): SimMessage | undefined {
    return this.byId.get(id);
  }

  all(): readonly SimMessage[] {
    return this.messages;
  }

  isBlocked(e164: string): boolean {
    return this.blocks.has(e164);
  }

  optOuts(): OptOutBlock[] {
    return [...this.blocks.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  status(message: SimMessage): CarrierMessageStatus {
    if (message.direction === 'inbound') return 'received';
    const elapsed = this.now() - message.createdAt;
    if (elapsed < this.config.timings.sentAfterMs) return 'queued';
    if (elapsed < this.config.timings.deliveredAfterMs) return 'sent';
    return message.failCode ? 'delivery_failed' : 'delivered';
  }

  sentAt(message: SimMessage): number | null {
    const at = message.createdAt + this.config.timings.sentAfterMs;
    return message.direction === 'outbound' && this.now() >= at ? at : null;
  }

  completedAt(message: SimMessage): number | null {
    const at = message.createdAt + this.config.timings.deliveredAfterMs;
    return message.direction === 'outbound' && this.now() >= at ? at : null;
  }

  /** The failure a message ended with, once it has. */
  failure(message: SimMessage): { code: string; title: string; detail: string } | null {
    if (this.status(message) !== 'delivery_failed' || !message.failCode) return null;
    const title = deliveryErrorTitle(message.failCode);
    return {
      code: message.failCode,
      title,
      detail: `The message to ${message.to} could not be delivered: ${title}.`,
    };
  }

  record(message: SimMessage): SimRecord {
    const failure = this.failure(message);
    return {
      carrierId: message.id,
      direction: message.direction,
      from: message.from,
      to: message.to,
      text: message.text,
      status: this.status(message),
      ...(failure ? { error: failure } : {}),
      createdAt: message.createdAt,
      autoReply: message.autoReply,
    };
  }

  listAutoresp(): AutorespConfig[] {
    return [...this.autoresp.values()];
  }

  getAutoresp(id: string): AutorespConfig | undefined {
    return this.autoresp.get(id);
  }

  putAutoresp(
    input: {
      op: AutorespConfig['op'];
      keywords: string[];
      countryCode: string;
      respText: string | undefined;
    },
    id?: string,
  ): AutorespConfig {
    const now = this.now();
    const existing = id === undefined ? undefined : this.autoresp.get(id);
    const config: AutorespConfig = {
      id: existing?.id ?? randomUUID(),
      ...input,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    this.autoresp.set(config.id, config);
    return config;
  }

  deleteAutoresp(id: string): boolean {
    return this.autoresp.delete(id);
  }

  private autoReply(from: string, to: string, text: string, kind: AutoReplyKind): void {
    const now = this.now();
    this.add({
      direction: 'outbound',
      from,
      to,
      text,
      createdAt: now,
      visibleAt: now,
      failCode: null,
      autoReply: kind,
    });
  }

  private add(fields: Omit<SimMessage, 'id' | 'seq' | 'encoding' | 'parts'>): SimMessage {
    const message: SimMessage = { id: randomUUID(), seq: ++this.seq, ...fields, ...segmentsOf(fields.text) };
    this.messages.push(message);
    this.byId.set(message.id, message);
    return message;
  }
}

function segmentsOf(text: string): { encoding: 'GSM-7' | 'UCS-2'; parts: number } {
  const segmented = new SegmentedMessage(text);
  return {
    encoding: segmented.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2',
    parts: Math.max(1, segmented.segmentsCount),
  };
}
