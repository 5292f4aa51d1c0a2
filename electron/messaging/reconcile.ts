/**
 * Settles an unknown outcome: did the carrier take a text whose answer never reached the desk? It looks in the
 * carrier's outbound detail records around the attempt for a message to the same number with the same text
 * that no other row already owns.
 */
import type { Carrier, CarrierMessage } from '../carrier/carrier';

export interface UnsureAttempt {
  e164: string;
  body: string;
  /** When the request left the desk. */
  sentAt: number;
}

export interface ReconcileWindow {
  /** How far the carrier's clock may differ from the desk's. */
  skewMs: number;
  now: number;
  pageSize: number;
}

/** The carrier's copy of the attempt, or null when its records (so far) show none. */
export async function findCarrierCopy(
  carrier: Carrier,
  attempt: UnsureAttempt,
  isOwned: (carrierId: string) => boolean,
  window: ReconcileWindow,
): Promise<CarrierMessage | null> {
  const since = attempt.sentAt - window.skewMs;
  const until = window.now + window.skewMs;
  let best: CarrierMessage | null = null;
  for (let pageNumber = 1, totalPages = 1; pageNumber <= totalPages; pageNumber++) {
    const page = await carrier.listDetailRecords({
      direction: 'outbound',
      since,
      until,
      pageNumber,
      pageSize: window.pageSize,
    });
    totalPages = page.totalPages;
    for (const record of page.items) {
      if (record.to !== attempt.e164 || isOwned(record.carrierId)) continue;
      const message = await carrier.getMessage(record.carrierId);
      if (message.to !== attempt.e164 || message.text !== attempt.body) continue;
      // Two identical unsure texts to one number: the earlier attempt takes the earlier record.
      if (!best || Math.abs(message.createdAt - attempt.sentAt) < Math.abs(best.createdAt - attempt.sentAt)) {
        best = message;
      }
    }
  }
  return best;
}
