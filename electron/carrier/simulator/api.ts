/**
 * The Telnyx API subset the demo carrier answers (`/v2/...`), as plain request → response functions over the
 * carrier's state. Transport matters (latency, dropped connections, a closed port) live in server.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { errorBody, telnyxErrors, type TelnyxErrorSpec } from './errors';
import { autorespPayload, detailRecord, messagePayload, optOutItem, paginate } from './payloads';
import { branch, leaf, parseQuery, type QueryTree } from './query';
import type { DemoCarrierState } from './state';

export interface ApiRequest {
  method: string;
  /** The path after `/v2`, e.g. `/messages`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The raw request body ('' when none). */
  body: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The answer is never sent: the client waits until it gives up (a timeout after the carrier accepted). */
  hold?: boolean;
}

export interface ApiContext {
  state: DemoCarrierState;
  apiKey: string;
  messagingProfileId: string;
}

type Route =
  | { name: 'send' }
  | { name: 'getMessage'; id: string }
  | { name: 'detailRecords' }
  | { name: 'optOuts' }
  | { name: 'autorespList'; profileId: string }
  | { name: 'autorespCreate'; profileId: string }
  | { name: 'autorespGet' | 'autorespUpdate' | 'autorespDelete'; profileId: string; configId: string };

const RECORD_TYPES = [
  'ai-voice-assistant',
  'amd',
  'call-control',
  'conference',
  'conference-participant',
  'embedding',
  'fax',
  'inference',
  'inference-speech-to-text',
  'media_storage',
  'media-streaming',
  'messaging',
  'noise-suppression',
  'recording',
  'sip-trunking',
  'siprec-client',
  'stt',
  'tts',
  'verify',
  'webrtc',
  'wireless',
];

function matchRoute(method: string, path: string): Route | null {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third, fourth, ...rest] = parts;
  if (rest.length > 0) return null;
  if (first === 'messages' && second === undefined && method === 'POST') return { name: 'send' };
  if (first === 'messages' && second !== undefined && third === undefined && method === 'GET') {
    return { name: 'getMessage', id: second };
  }
  if (first === 'detail_records' && second === undefined && method === 'GET')
    return { name: 'detailRecords' };
  if (first === 'messaging_optouts' && second === undefined && method === 'GET') return { name: 'optOuts' };
  if (first === 'messaging_profiles' && second !== undefined && third === 'autoresp_configs') {
    if (fourth === undefined) {
      if (method === 'GET') return { name: 'autorespList', profileId: second };
      if (method === 'POST') return { name: 'autorespCreate', profileId: second };
      return null;
    }
    const ids = { profileId: second, configId: fourth };
    if (method === 'GET') return { name: 'autorespGet', ...ids };
    if (method === 'PUT') return { name: 'autorespUpdate', ...ids };
    if (method === 'DELETE') return { name: 'autorespDelete', ...ids };
  }
  return null;
}

/** Answers one API request. Faults that are answers (503, 500, 429, held responses) are applied here. */
export function handleApiRequest(context: ApiContext, request: ApiRequest): ApiResponse {
  const { state } = context;
  const route = matchRoute(request.method, request.path);
  const fail = (error: TelnyxErrorSpec, headers?: Record<string, string>): ApiResponse => ({
    status: error.status,
    body: route?.name === 'optOuts' ? optOutsErrorBody(error) : errorBody(error),
    ...(headers ? { headers } : {}),
  });

  if (state.faults.down === '503') return fail(telnyxErrors.unavailable());
  if (!isAuthorized(request.authorization, context.apiKey)) return fail(telnyxErrors.authenticationFailed());
  if (
    state.faults.serverErrorNext > 0 &&
    (state.faults.serverErrorScope === 'all' || route?.name === 'send')
  ) {
    state.faults.serverErrorNext -= 1;
    return fail(telnyxErrors.unexpected());
  }
  if (!route) return fail(telnyxErrors.notFound());
  const faults = state.faults;
  if (faults.rateLimitNext > 0 && (faults.rateLimitScope === 'all' || route.name === 'send')) {
    faults.rateLimitNext -= 1;
    const limited = rateLimited(faults.retryAfterSeconds, faults.messagesPerSecond ?? 1);
    return fail(limited.error, limited.headers);
  }

  const result = routeRequest(context, route, request);
  return 'error' in result ? fail(result.error, result.headers) : result;
}

type RouteResult = ApiResponse | { error: TelnyxErrorSpec; headers?: Record<string, string> };

function routeRequest(context: ApiContext, route: Route, request: ApiRequest): RouteResult {
  const { state, messagingProfileId } = context;
  switch (route.name) {
    case 'send':
      return send(context, request.body);
    case 'getMessage': {
      const message = state.get(route.id);
      if (!message) return { error: telnyxErrors.notFound(`No message with id ${route.id}.`) };
      return ok({ data: messagePayload(state, message, messagingProfileId) });
    }
    case 'detailRecords':
      return detailRecords(context, parseQuery(request.query));
    case 'optOuts':
      return optOuts(context, parseQuery(request.query));
    default:
      if (route.profileId !== messagingProfileId) {
        return { error: telnyxErrors.notFound(`No messaging profile with id ${route.profileId}.`) };
      }
      return autoresp(context, route, request);
  }
}

function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}

function isAuthorized(header: string | undefined, apiKey: string): boolean {
  const expected = Buffer.from(`Bearer ${apiKey}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The spec documents this endpoint's 400/401 as a bare error object, while every other endpoint (and Telnyx in
 * practice) wraps errors in `errors`. Both shapes go in one body so a client reading either finds its answer.
 */
function optOutsErrorBody(error: TelnyxErrorSpec): Record<string, unknown> {
  const [first] = errorBody(error).errors;
  return { ...first, errors: [first] };
}

function rateLimited(
  retryAfterSeconds: number,
  limit: number,
): { error: TelnyxErrorSpec; headers: Record<string, string> } {
  return {
    error: telnyxErrors.tooManyRequests(),
    headers: {
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(retryAfterSeconds),
    },
  };
}

const optionalString = z.string().optional();
const sendBodySchema = z.looseObject({
  to: optionalString,
  from: optionalString,
  text: optionalString,
  messaging_profile_id: optionalString,
  type: z.enum(['SMS', 'MMS']).optional(),
  media_urls: z.array(z.string()).optional(),
});

function send(context: ApiContext, rawBody: string): RouteResult {
  const { state } = context;
  const faults = state.faults;
  const wait = state.rateCapWait();
  if (wait !== null) return rateLimited(wait, faults.messagesPerSecond ?? 1);

  const json = parseJson(rawBody);
  if (json === INVALID_JSON) return { error: telnyxErrors.invalidJson() };
  const parsed = sendBodySchema.safeParse(json);
  if (!parsed.success) {
    const pointer = `/${parsed.error.issues[0]?.path.map(String).join('/') ?? ''}`;
    return { error: telnyxErrors.badRequest('The request body has a field of the wrong type.', { pointer }) };
  }
  const body = parsed.data;
  if (!body.to) return { error: telnyxErrors.missingParameter('to') };
  const from = body.from || (body.messaging_profile_id ? state.config.businessNumber : undefined);
  if (!from) return { error: telnyxErrors.missingParameter('from') };
  if (body.media_urls && body.media_urls.length > 0) {
    return { error: telnyxErrors.badRequest('The demo carrier sends SMS only.', { pointer: '/media_urls' }) };
  }
  if (!body.text) return { error: telnyxErrors.missingParameter('text') };

  const result = state.send({ from, to: body.to, text: body.text });
  if ('error' in result) return result;
  const response = ok({ data: messagePayload(state, result.message, context.messagingProfileId) });
  if (faults.timeoutAfterAcceptNext > 0) {
    faults.timeoutAfterAcceptNext -= 1;
    return { ...response, hold: true };
  }
  return response;
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** Turns the first zod issue on a query into Telnyx's 400, naming the parameter as it was written. */
function queryError(error: z.ZodError, prefix: string): TelnyxErrorSpec {
  const issue = error.issues[0];
  const parameter = `${prefix}${(issue?.path ?? []).map((part) => `[${String(part)}]`).join('')}`;
  return telnyxErrors.badRequest(`${parameter}: ${issue?.message ?? 'is not valid'}`, { parameter });
}

const timestamp = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date or date-time')
  .transform((value) => Date.parse(value));

const rangeSchema = z.object({
  gte: timestamp.optional(),
  gt: timestamp.optional(),
  lte: timestamp.optional(),
  lt: timestamp.optional(),
});

function inRange(at: number, range: z.infer<typeof rangeSchema>): boolean {
  return (
    (range.gte === undefined || at >= range.gte) &&
    (range.gt === undefined || at > range.gt) &&
    (range.lte === undefined || at <= range.lte) &&
    (range.lt === undefined || at < range.lt)
  );
}

const pageSchema = (maxSize: number) =>
  z.object({
    number: z.coerce.number().int().min(1).default(1),
    size: z.coerce.number().int().min(1).max(maxSize, `must be at most ${maxSize}`).default(20),
  });

const detailFilterSchema = z.object({
  direction: z.enum(['inbound', 'outbound']).optional(),
  created_at: rangeSchema.optional(),
});

function detailRecords(context: ApiContext, query: QueryTree): RouteResult {
  const filterTree = branch(query, 'filter');
  const recordType = leaf(filterTree, 'record_type');
  if (recordType === undefined)
    return { error: telnyxErrors.missingParameter('filter[record_type]', 'parameter') };
  if (!RECORD_TYPES.includes(recordType)) return { error: telnyxErrors.unknownRecordType(recordType) };
  const filter = detailFilterSchema.safeParse(filterTree);
  if (!filter.success) return { error: queryError(filter.error, 'filter') };
  const page = pageSchema(50).safeParse(branch(query, 'page'));
  if (!page.success) return { error: queryError(page.error, 'page') };
  const sort = (leaf(query, 'sort') ?? '-created_at').split(',')[0];
  if (sort !== 'created_at' && sort !== '-created_at') {
    return { error: telnyxErrors.badRequest(`Cannot sort by ${sort}.`, { parameter: 'sort' }) };
  }

  const { state, messagingProfileId } = context;
  const now = state.now();
  const records =
    recordType !== 'messaging'
      ? []
      : state
          .all()
          .filter(
            (message) =>
              message.visibleAt <= now &&
              (filter.data.direction === undefined || message.direction === filter.data.direction) &&
              inRange(message.createdAt, filter.data.created_at ?? {}),
          )
          .sort((a, b) => (sort === 'created_at' ? 1 : -1) * (a.createdAt - b.createdAt || a.seq - b.seq));
  const { page: items, meta } = paginate(records, page.data.number, page.data.size);
  return ok({ data: items.map((message) => detailRecord(state, message, messagingProfileId)), meta });
}

const optOutFilterSchema = z.object({
  from: z.string().optional(),
  messaging_profile_id: z.string().optional(),
});

function optOuts(context: ApiContext, query: QueryTree): RouteResult {
  const filter = optOutFilterSchema.safeParse(branch(query, 'filter'));
  if (!filter.success) return { error: queryError(filter.error, 'filter') };
  const createdAt = rangeSchema.safeParse(branch(query, 'created_at'));
  if (!createdAt.success) return { error: queryError(createdAt.error, 'created_at') };
  const page = pageSchema(250).safeParse(branch(query, 'page'));
  if (!page.success) return { error: queryError(page.error, 'page') };
  const redacted = leaf(query, 'redaction_enabled') === 'true';

  const { state, messagingProfileId } = context;
  const profileMatches =
    filter.data.messaging_profile_id === undefined || filter.data.messaging_profile_id === messagingProfileId;
  const blocks = profileMatches
    ? state
        .optOuts()
        .filter(
          (block) =>
            (filter.data.from === undefined || block.from === filter.data.from) &&
            inRange(block.createdAt, createdAt.data),
        )
    : [];
  const { page: items, meta } = paginate(blocks, page.data.number, page.data.size);
  return ok({ data: items.map((block) => optOutItem(block, messagingProfileId, redacted)), meta });
}

const autorespBodySchema = z.object({
  op: z.enum(['start', 'stop', 'info']),
  keywords: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
  country_code: z.string().min(1).max(3),
  resp_text: z.string().max(1600).optional(),
});

type AutorespRoute = Extract<Route, { profileId: string }>;

function autoresp(context: ApiContext, route: AutorespRoute, request: ApiRequest): RouteResult {
  const { state } = context;
  const readInput = ():
    { error: TelnyxErrorSpec } | { input: Parameters<DemoCarrierState['putAutoresp']>[0] } => {
    const json = parseJson(request.body);
    if (json === INVALID_JSON) return { error: telnyxErrors.invalidJson() };
    const parsed = autorespBodySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('/') ?? '';
      const detail = `${field}: ${issue?.message ?? 'is not valid'}`;
      return { error: telnyxErrors.badRequest(detail, { pointer: `/${field}` }, 422) };
    }
    const input = parsed.data;
    return {
      input: {
        op: input.op,
        keywords: input.keywords,
        countryCode: input.country_code,
        respText: input.resp_text,
      },
    };
  };
  const missing = (id: string) => ({
    error: telnyxErrors.notFound(`No auto-response setting with id ${id}.`),
  });

  switch (route.name) {
    case 'autorespList': {
      const countryCode = leaf(parseQuery(request.query), 'country_code');
      const configs = state
        .listAutoresp()
        .filter((c) => countryCode === undefined || c.countryCode === countryCode);
      return ok({
        data: configs.map(autorespPayload),
        meta: {
          page_number: 1,
          page_size: Math.max(20, configs.length),
          total_pages: 1,
          total_results: configs.length,
        },
      });
    }
    case 'autorespCreate': {
      const body = readInput();
      return 'error' in body ? body : ok({ data: autorespPayload(state.putAutoresp(body.input)) });
    }
    case 'autorespGet': {
      const config = state.getAutoresp(route.configId);
      return config ? ok({ data: autorespPayload(config) }) : missing(route.configId);
    }
    case 'autorespUpdate': {
      if (!state.getAutoresp(route.configId)) return missing(route.configId);
      const body = readInput();
      return 'error' in body
        ? body
        : ok({ data: autorespPayload(state.putAutoresp(body.input, route.configId)) });
    }
    case 'autorespDelete':
      return state.deleteAutoresp(route.configId) ? ok('OK') : missing(route.configId);
  }
}
