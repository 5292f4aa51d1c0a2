/**
 * The demo carrier's records in Telnyx's JSON shapes (OutboundMessagePayload, InboundMessagePayload,
 * MessageDetailRecord, OptOutItem, AutorespConfigSchema). The contract test holds them to the OpenAPI subset.
 */
import type { AutorespConfig, DemoCarrierState, OptOutBlock, SimMessage } from './state';

/** The demo account's organization: fixed, like a real account's. */
export const DEMO_ORGANIZATION_ID = '5d3e0c1a-0f0b-4c2e-9a51-0de5c0ca7e01';
const COST_PER_PART = 0.004;

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function cost(parts: number): { amount: string; currency: string } {
  return { amount: (parts * COST_PER_PART).toFixed(4), currency: 'USD' };
}

export function messagePayload(
  state: DemoCarrierState,
  message: SimMessage,
  messagingProfileId: string,
): Record<string, unknown> {
  const failure = state.failure(message);
  const common = {
    record_type: 'message',
    id: message.id,
    type: 'SMS',
    messaging_profile_id: messagingProfileId,
    text: message.text,
    subject: null,
    media: [],
    cc: [],
    encoding: message.encoding,
    parts: message.parts,
    num_chars: [...message.text].length,
    tags: [],
    cost: cost(message.parts),
    cost_breakdown: null,
    received_at: iso(message.createdAt),
    valid_until: null,
    errors: failure ? [failure] : [],
    tcr_campaign_id: null,
    tcr_campaign_billable: false,
    tcr_campaign_registered: null,
    webhook_url: null,
    webhook_failover_url: null,
  };
  if (message.direction === 'inbound') {
    return {
      ...common,
      direction: 'inbound',
      organization_id: DEMO_ORGANIZATION_ID,
      from: {
        phone_number: message.from,
        carrier: 'Demo Wireless',
        line_type: 'Wireless',
        status: 'received',
      },
      to: [{ phone_number: message.to, carrier: 'Telnyx', line_type: 'VoIP', status: 'webhook_delivered' }],
      sent_at: null,
      completed_at: null,
    };
  }
  return {
    ...common,
    direction: 'outbound',
    organization_id: DEMO_ORGANIZATION_ID,
    from: { phone_number: message.from, carrier: 'Telnyx', line_type: 'VoIP' },
    to: [
      {
        phone_number: message.to,
        carrier: 'Demo Wireless',
        line_type: 'Wireless',
        status: state.status(message),
      },
    ],
    sent_at: isoOrNull(state.sentAt(message)),
    completed_at: isoOrNull(state.completedAt(message)),
    smart_encoding_applied: false,
    wait_seconds: 0,
  };
}

/** A messaging detail record (MDR): what `GET /v2/detail_records?filter[record_type]=messaging` lists. */
export function detailRecord(
  state: DemoCarrierState,
  message: SimMessage,
  messagingProfileId: string,
): Record<string, unknown> {
  const status = state.status(message);
  // An MDR carries the final status only: a text still on its way has none yet.
  const finalStatus =
    status === 'received'
      ? 'received'
      : status === 'delivered'
        ? 'delivered'
        : status === 'delivery_failed'
          ? 'failed'
          : null;
  const sentAt = state.sentAt(message);
  const completedAt = state.completedAt(message);
  const failure = state.failure(message);
  return {
    record_type: 'message_detail_record',
    uuid: message.id,
    direction: message.direction,
    cli: message.from,
    cld: message.to,
    message_type: 'SMS',
    parts: message.parts,
    profile_id: messagingProfileId,
    profile_name: 'Demo messaging profile',
    carrier: 'Demo Wireless',
    country_code: 'US',
    source_country_code: 'US',
    currency: 'USD',
    rate: COST_PER_PART.toFixed(4),
    cost: cost(message.parts).amount,
    created_at: iso(message.createdAt),
    updated_at: iso(completedAt ?? sentAt ?? message.createdAt),
    ...(sentAt === null ? {} : { sent_at: iso(sentAt) }),
    ...(completedAt === null ? {} : { completed_at: iso(completedAt) }),
    ...(finalStatus === null ? {} : { status: finalStatus }),
    errors: failure ? [failure.code] : [],
  };
}

/** Masks the last four digits, as Telnyx does with `redaction_enabled=true`. */
function redact(e164: string): string {
  return `${e164.slice(0, -4)}****`;
}

export function optOutItem(
  block: OptOutBlock,
  messagingProfileId: string,
  redacted: boolean,
): Record<string, unknown> {
  return {
    from: block.from,
    to: redacted ? redact(block.e164) : block.e164,
    keyword: block.keyword,
    messaging_profile_id: messagingProfileId,
    created_at: iso(block.createdAt),
  };
}

export function autorespPayload(config: AutorespConfig): Record<string, unknown> {
  return {
    id: config.id,
    op: config.op,
    keywords: config.keywords,
    country_code: config.countryCode,
    ...(config.respText === undefined ? {} : { resp_text: config.respText }),
    created_at: iso(config.createdAt),
    updated_at: iso(config.updatedAt),
  };
}

export interface PageMeta {
  page_number: number;
  page_size: number;
  total_pages: number;
  total_results: number;
}

export function paginate<T>(
  items: readonly T[],
  pageNumber: number,
  pageSize: number,
): { page: T[]; meta: PageMeta } {
  const start = (pageNumber - 1) * pageSize;
  return {
    page: items.slice(start, start + pageSize),
    meta: {
      page_number: pageNumber,
      page_size: pageSize,
      total_pages: Math.ceil(items.length / pageSize),
      total_results: items.length,
    },
  };
}
