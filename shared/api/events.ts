import type { ConsentState } from '../domain';

export interface SyncStatus {
  online: boolean;
  carrierMode: 'demo' | 'telnyx';
  /** Last successful sync, ms since epoch; null before the first. */
  lastSyncAt: number | null;
  /** Outbound texts queued or being sent. */
  waiting: number;
  /** Texts held for consent. */
  held: number;
  /** Plain words on why the carrier is unreachable, when it is. */
  problem: string | null;
}

/** Push events from the core to the UI, declared beside the methods. */
export interface DeskEventMap {
  'message.changed': { messageId: number; clientId: number | null; e164: string };
  'consent.changed': { e164: string; state: ConsentState };
  'client.changed': { clientId: number };
  'sync.status': SyncStatus;
  'review.changed': { openCount: number };
}

export type DeskEventName = keyof DeskEventMap;

export const DESK_EVENT_NAMES: readonly DeskEventName[] = [
  'message.changed',
  'consent.changed',
  'client.changed',
  'sync.status',
  'review.changed',
];

/** One push event; without a name given it is the union of all, so checking `name` narrows `payload`. */
export type DeskEvent<E extends DeskEventName = DeskEventName> = E extends DeskEventName
  ? { name: E; payload: DeskEventMap[E] }
  : never;
