import type { Db } from '../db/open';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Opt-in requests that went out or are on their way; cancelled or blocked ones never reached the client. */
const COUNTED = "('queued', 'sending', 'sent', 'delivered', 'failed')";

export interface RequestHistory {
  lastRequestAt: number | null;
  inLast30Days: number;
  /** True once an automated message has prompted this number: later automated texts do not prompt again. */
  autoPrompted: boolean;
}

export function requestHistory(db: Db, e164: string, now: number): RequestHistory {
  const row = db
    .prepare(
      `SELECT max(created_at) AS last,
              sum(created_at > @since) AS recent,
              max(origin = 'automation') AS auto
       FROM messages WHERE e164 = @e164 AND kind = 'opt_in_request' AND status IN ${COUNTED}`,
    )
    .get({ e164, since: now - 30 * DAY }) as {
    last: number | null;
    recent: number | null;
    auto: number | null;
  };
  return { lastRequestAt: row.last, inLast30Days: row.recent ?? 0, autoPrompted: row.auto === 1 };
}

/** PRODUCT.md "Records": never a second request within 24 hours, never more than three in 30 days. */
export function requestRefusal(history: RequestHistory, now: number): string | null {
  if (history.lastRequestAt !== null && now - history.lastRequestAt < DAY) {
    const hoursLeft = Math.ceil((history.lastRequestAt + DAY - now) / HOUR);
    return `An opt-in request already went out in the last 24 hours; another can be sent in about ${hoursLeft} hour${hoursLeft === 1 ? '' : 's'}.`;
  }
  if (history.inLast30Days >= 3) {
    return 'Three opt-in requests went out in the last 30 days; no more can be sent so the request never becomes spam.';
  }
  return null;
}
