/** Pure arithmetic over the desk's unread counts: what the badges show and which arrivals deserve a notice. */
import type { UnknownSender } from '../../../shared/api/messages';

export interface UnreadCounts {
  total: number;
  byClient: { clientId: number; count: number }[];
}

/** Unread texts from numbers no client has: the desk cannot mark those read, so they are counted apart. */
export function unknownUnread(senders: readonly UnknownSender[]): number {
  let count = 0;
  for (const sender of senders) {
    for (const message of sender.messages) {
      if (message.direction === 'inbound' && message.readAt === null) count += 1;
    }
  }
  return count;
}

export interface Arrivals {
  /** Clients with more unread texts than before, in the desk's order. */
  clientIds: number[];
  /** A number no client has sent something new. */
  unknown: boolean;
}

/**
 * What arrived between two readings. Nothing on the first reading (old texts are not news), and nothing when a
 * count went down (texts were read).
 */
export function arrivalsBetween(
  previous: { counts: UnreadCounts; unknown: number } | null,
  next: { counts: UnreadCounts; unknown: number },
): Arrivals {
  if (previous === null) return { clientIds: [], unknown: false };
  const before = new Map(previous.counts.byClient.map((row) => [row.clientId, row.count]));
  const clientIds = next.counts.byClient
    .filter((row) => row.count > (before.get(row.clientId) ?? 0))
    .map((row) => row.clientId);
  return { clientIds, unknown: next.unknown > previous.unknown };
}

/** The count on the Clients tab: unread texts from clients (a household's shared number counts once). */
export function clientUnread(counts: UnreadCounts, unknown: number): number {
  return Math.max(0, counts.total - unknown);
}
