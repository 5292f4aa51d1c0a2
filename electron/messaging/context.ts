import type { Carrier } from '../carrier/carrier';
import type { Clock } from '../core/clock';
import type { DeskEvents } from '../core/events';
import type { Log } from '../core/log';
import type { Db } from '../db/open';
import type { SettingsStore } from '../settings/settings';

/**
 * What the loops need from the desk. A structural subset of DeskContext, so the loops do not import the
 * composition root (which will import them).
 */
export interface MessagingContext {
  db: Db;
  clock: Clock;
  log: Log;
  events: DeskEvents;
  settings: SettingsStore;
  carrier: Carrier;
}
