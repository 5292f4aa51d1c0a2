/**
 * The Carrier on the official Telnyx SDK, for Telnyx itself and for the demo carrier (same code path, another
 * baseURL). Retries are off: a retried POST after a timeout could text a client twice; the outbox decides.
 * Every answer is checked with zod before the desk believes it.
 */
import Telnyx from 'telnyx';
import { z } from 'zod';
import {
  CarrierError,
  type Carrier,
  type CarrierMessage,
  type CarrierMessageStatus,
  type CarrierOptOut,
  type DetailRecord,
  type Page,
} from './carrier';
import { toCarrierError, type CallKind } from './telnyx-errors';

export const TELNYX_BASE_URL = 'https://api.telnyx.com/v2';
const DEFAULT_TIMEOUT_MS = 15_000;
/** What the HELP auto-response answers. */
const HELP_KEYWORDS = ['HELP', 'INFO'];

export interface TelnyxCarrierOptions {
  apiKey: string;
  /** Must end in /v2; Telnyx's own unless given (the demo carrier's `baseURL` in demo mode). */
  baseURL?: string;
  messagingProfileId: string;
  mode: 'demo' | 'telnyx';
  /** How long one call may take before it counts as timed out; 15 s unless given. */
  timeoutMs?: number;
}

const STATUSES: ReadonlySet<string> = new Set<CarrierMessageStatus>([
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'sending_failed',
  'delivery_failed',
  'delivery_unconfirmed',
  'webhook_delivered',
  'received',
  'cancelled',
]);

const errorEntry = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  title: z.string(),
  detail: z.string().optional(),
});

const messageSchema = z.object({
  id: z.string().min(1),
  direction: z.enum(['inbound', 'outbound']),
  from: z.object({ phone_number: z.string() }),
  to: z.array(z.object({ phone_number: z.string(), status: z.string().optional() })).min(1),
  text: z.string().nullish(),
  errors: z.array(errorEntry).nullish(),
  received_at: z.string().nullish(),
});

const detailRecordSchema = z.object({
  record_type: z.string(),
  uuid: z.string().optional(),
  id: z.string().optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  cli: z.string().optional(),
  cld: z.string().optional(),
  created_at: z.string().optional(),
  status: z.string().optional(),
});

const pageMetaSchema = z.object({
  page_number: z.number().int().optional(),
  total_pages: z.number().int().optional(),
});

const optOutSchema = z.object({
  to: z.string(),
  from: z.string().optional(),
  keyword: z.string().nullish(),
  created_at: z.string().optional(),
});

const autorespSchema = z.object({ id: z.string(), op: z.string(), keywords: z.array(z.string()) });

export function createTelnyxCarrier(options: TelnyxCarrierOptions): Carrier {
  const baseURL = (options.baseURL ?? TELNYX_BASE_URL).replace(/\/+$/, '');
  if (!baseURL.endsWith('/v2')) throw new Error(`The carrier's baseURL must end in /v2 (got ${baseURL}).`);
  const client = new Telnyx({
    apiKey: options.apiKey,
    baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    logLevel: 'off',
  });
  const profileId = options.messagingProfileId;

  /** Runs one SDK call and reads its answer; any failure becomes a CarrierError of the right kind. */
  async function call<T>(
    kind: CallKind,
    request: () => Promise<unknown>,
    read: (body: unknown) => T,
  ): Promise<T> {
    let body: unknown;
    try {
      body = await request();
    } catch (error) {
      throw toCarrierError(error, kind);
    }
    try {
      return read(body);
    } catch (error) {
      // The carrier answered 2xx with something we cannot read. After a send the text may well be out.
      const why = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
      throw kind === 'send'
        ? new CarrierError(
            'unknown_outcome',
            `The carrier accepted the text but its answer could not be read: ${why}`,
          )
        : new CarrierError('transient', `The carrier's answer could not be read: ${why}`);
    }
  }

  const readMessage = (body: unknown): CarrierMessage =>
    toCarrierMessage(messageSchema.parse(z.object({ data: z.unknown() }).parse(body).data));

  async function helpConfigs(): Promise<z.infer<typeof autorespSchema>[]> {
    return call(
      'read',
      () => client.messagingProfiles.autorespConfigs.list(profileId),
      (body) =>
        z
          .object({ data: z.array(autorespSchema) })
          .parse(body)
          .data.filter(
            (config) => config.op === 'info' && config.keywords.some((k) => k.toUpperCase() === 'HELP'),
          ),
    );
  }

  return {
    mode: options.mode,

    send(request) {
      return call(
        'send',
        () => client.messages.send({ from: request.from, to: request.to, text: request.text }),
        readMessage,
      );
    },

    getMessage(carrierId) {
      return call('read', () => client.messages.retrieve(carrierId), readMessage);
    },

    listDetailRecords(query) {
      return call(
        'read',
        () =>
          client.detailRecords.list({
            filter: {
              record_type: 'messaging',
              direction: query.direction,
              created_at: {
                gte: new Date(query.since).toISOString(),
                ...(query.until === undefined ? {} : { lte: new Date(query.until).toISOString() }),
              },
            },
            sort: ['created_at'],
            'page[number]': query.pageNumber,
            'page[size]': query.pageSize,
          }),
        (body) => {
          const page = z
            .object({ data: z.array(detailRecordSchema), meta: pageMetaSchema })
            .parse(pageBody(body));
          const items = page.data
            .filter((record) => record.record_type === 'message_detail_record')
            .map(toDetailRecord);
          return pageOf(items, page.meta, query.pageNumber);
        },
      );
    },

    listOptOuts(query) {
      return call(
        'read',
        () =>
          client.messagingOptouts.list({
            filter: { messaging_profile_id: profileId },
            ...(query.since === undefined
              ? {}
              : { created_at: { gte: new Date(query.since).toISOString() } }),
            'page[number]': query.pageNumber,
            'page[size]': query.pageSize,
          }),
        (body) => {
          const page = z.object({ data: z.array(optOutSchema), meta: pageMetaSchema }).parse(pageBody(body));
          return pageOf(page.data.map(toOptOut), page.meta, query.pageNumber);
        },
      );
    },

    async setHelpAutoResponse(text) {
      const existing = await helpConfigs();
      const [first, ...extra] = existing;
      // Blank text takes the carrier's answer away, so the desk answers HELP itself again.
      const stale = text.trim() === '' ? existing : extra;
      for (const config of stale) {
        await call(
          'read',
          () => client.messagingProfiles.autorespConfigs.delete(config.id, { profile_id: profileId }),
          () => undefined,
        );
      }
      if (text.trim() === '') return;
      const body = { op: 'info' as const, keywords: HELP_KEYWORDS, country_code: 'US', resp_text: text };
      await call(
        'read',
        () =>
          first
            ? client.messagingProfiles.autorespConfigs.update(first.id, { profile_id: profileId, ...body })
            : client.messagingProfiles.autorespConfigs.create(profileId, body),
        (answer) => z.object({ data: autorespSchema }).parse(answer),
      );
    },

    async testConnection() {
      // Authenticated, cheap, and it proves the messaging profile exists on this account.
      await helpConfigs();
    },
  };
}

/** The SDK hands list endpoints back as a page object; its body fields are `data` and `meta`. */
function pageBody(page: unknown): unknown {
  const record = page as { data?: unknown; meta?: unknown };
  return { data: record.data, meta: record.meta };
}

function pageOf<T>(items: T[], meta: z.infer<typeof pageMetaSchema>, requested: number): Page<T> {
  return { items, pageNumber: meta.page_number ?? requested, totalPages: meta.total_pages ?? 1 };
}

function time(value: string | null | undefined): number {
  const parsed = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw new Error(`"${String(value)}" is not a date-time`);
  return parsed;
}

function toCarrierMessage(payload: z.infer<typeof messageSchema>): CarrierMessage {
  const recipient = payload.to[0]!;
  const reported = recipient.status ?? 'queued';
  const status: CarrierMessageStatus =
    payload.direction === 'inbound'
      ? 'received'
      : reported === 'expired'
        ? 'sending_failed'
        : STATUSES.has(reported)
          ? (reported as CarrierMessageStatus)
          : 'queued';
  const firstError = payload.errors?.[0];
  return {
    carrierId: payload.id,
    direction: payload.direction,
    from: payload.from.phone_number,
    to: recipient.phone_number,
    text: payload.text ?? '',
    status,
    ...(firstError
      ? {
          error:
            firstError.detail === undefined ? { code: firstError.code, title: firstError.title } : firstError,
        }
      : {}),
    createdAt: payload.received_at ? time(payload.received_at) : Date.now(),
  };
}

function toDetailRecord(record: z.infer<typeof detailRecordSchema>): DetailRecord {
  const carrierId = record.uuid ?? record.id;
  if (!carrierId || !record.direction || !record.cli || !record.cld) {
    throw new Error('A messaging detail record lacks its id, direction or numbers.');
  }
  return {
    carrierId,
    direction: record.direction,
    from: record.cli,
    to: record.cld,
    createdAt: time(record.created_at),
    ...(record.status === undefined ? {} : { status: record.status }),
  };
}

function toOptOut(item: z.infer<typeof optOutSchema>): CarrierOptOut {
  return {
    e164: item.to,
    from: item.from ?? '',
    ...(item.keyword ? { keyword: item.keyword } : {}),
    createdAt: time(item.created_at),
  };
}
