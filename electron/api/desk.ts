import type { SyncStatus } from '../../shared/api';
import type { DeskContext } from '../desk';
import type { Handlers } from './dispatch';

const APP_VERSION = '0.1.0';

export function deskHandlers(
  context: DeskContext,
  syncStatus: () => SyncStatus,
): Pick<Handlers, 'desk.info' | 'desk.syncStatus'> {
  return {
    'desk.syncStatus': () => syncStatus(),
    'desk.info': () => {
      const settings = context.settings.get();
      return {
        version: APP_VERSION,
        carrierMode: context.carrier.mode,
        businessName: settings.businessName,
        staffNames: settings.staffNames,
      };
    },
  };
}
