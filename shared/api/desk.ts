import { z } from 'zod';
import { method } from './define';
import type { SyncStatus } from './events';

export interface DeskInfo {
  version: string;
  carrierMode: 'demo' | 'telnyx';
  businessName: string;
  /** The staff names used at this desk, for "who did this" in the ledger. */
  staffNames: string[];
}

export const deskApi = {
  'desk.info': method<DeskInfo>()(z.object({}).strict()),
  /** The carrier connection and queue counts now; later changes arrive as `sync.status` events. */
  'desk.syncStatus': method<SyncStatus>()(z.object({}).strict()),
};
