/**
 * The Telnyx errors the demo carrier can answer with: HTTP status, Telnyx code and title as Telnyx documents
 * them, so the adapter's mapping is exercised against the same signals production gives.
 */

export interface TelnyxErrorSpec {
  status: number;
  code: string;
  title: string;
  detail: string;
  /** Which part of the request was wrong: a JSON pointer into the body, or a query parameter. */
  source?: { pointer?: string; parameter?: string };
}

export const telnyxErrors = {
  authenticationFailed: (): TelnyxErrorSpec => ({
    status: 401,
    code: '10009',
    title: 'Authentication failed',
    detail: 'The required authentication headers were either invalid or not included in the request.',
  }),
  notFound: (detail = 'The requested resource or URL could not be found.'): TelnyxErrorSpec => ({
    status: 404,
    code: '10005',
    title: 'Resource not found',
    detail,
  }),
  missingParameter: (name: string, where: 'pointer' | 'parameter' = 'pointer'): TelnyxErrorSpec => ({
    status: 400,
    code: '10004',
    title: 'Missing required parameter',
    detail: `The '${name}' parameter is required.`,
    source: where === 'pointer' ? { pointer: `/${name}` } : { parameter: name },
  }),
  badRequest: (detail: string, source?: TelnyxErrorSpec['source'], status = 400): TelnyxErrorSpec => ({
    status,
    code: '10015',
    title: 'Bad Request',
    detail,
    ...(source ? { source } : {}),
  }),
  invalidJson: (): TelnyxErrorSpec => ({
    status: 400,
    code: '10023',
    title: 'Invalid JSON',
    detail: 'The request body is not valid JSON.',
  }),
  notE164: (field: 'to' | 'from'): TelnyxErrorSpec => ({
    status: 400,
    code: '10016',
    title: 'Phone number must be in +E.164 format',
    detail: `The '${field}' parameter must be in +E.164 format.`,
    source: { pointer: `/${field}` },
  }),
  invalidTo: (): TelnyxErrorSpec => ({
    status: 400,
    code: '40310',
    title: "Invalid 'to' address",
    detail: "The 'to' address is not a number that can receive text messages.",
    source: { pointer: '/to' },
  }),
  invalidFrom: (): TelnyxErrorSpec => ({
    status: 400,
    code: '40305',
    title: "Invalid 'from' address",
    detail: "The 'from' address is not a sending number on this account.",
    source: { pointer: '/from' },
  }),
  blockedByStop: (from: string, to: string): TelnyxErrorSpec => ({
    status: 409,
    code: '40300',
    title: 'Blocked due to STOP message',
    detail: `Messages cannot be sent from ${from} to ${to} due to an existing block rule.`,
  }),
  tooManyRequests: (): TelnyxErrorSpec => ({
    status: 429,
    code: '10011',
    title: 'Too many requests',
    detail: 'You have exceeded the maximum number of allowed requests.',
  }),
  unexpected: (): TelnyxErrorSpec => ({
    status: 500,
    code: '10007',
    title: 'Unexpected error',
    detail: 'An unexpected error occured.',
  }),
  unavailable: (): TelnyxErrorSpec => ({
    status: 503,
    code: '10007',
    title: 'Service unavailable',
    detail: 'The carrier is temporarily unavailable. Try again later.',
  }),
  unknownRecordType: (recordType: string): TelnyxErrorSpec => ({
    status: 400,
    code: '10011',
    title: 'Bad Request',
    detail: `No matching record type was found matching given record type ${recordType}`,
    source: { parameter: 'filter[record_type]' },
  }),
};

/** Titles of the delivery failures the demo carrier can be told to produce (Telnyx's 40xxx delivery codes). */
export const DELIVERY_ERROR_TITLES: Record<string, string> = {
  '40001': 'Not routable',
  '40002': 'Blocked as spam (temporary)',
  '40003': 'Blocked as spam (permanent)',
  '40004': 'Rejected by destination',
  '40005': 'Message expired',
  '40006': 'Recipient unavailable',
  '40008': 'Undeliverable',
  '40012': 'Invalid destination number',
};

export function deliveryErrorTitle(code: string): string {
  return DELIVERY_ERROR_TITLES[code] ?? 'Delivery failed';
}

/** The body Telnyx wraps every error in. */
export function errorBody(error: TelnyxErrorSpec): { errors: Record<string, unknown>[] } {
  return {
    errors: [
      {
        code: error.code,
        title: error.title,
        detail: error.detail,
        ...(error.source ? { source: error.source } : {}),
      },
    ],
  };
}
