import type { ReactNode } from 'react';
import { AppointmentsScreen } from '../features/appointments/AppointmentsScreen';
import { HeldScreen } from '../features/held/HeldScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { UnknownSendersScreen } from '../features/unknown-senders/UnknownSendersScreen';
import type { ScreenId } from '../stores/workspace-store';
import { ClientsScreen } from './ClientsScreen';

export interface ScreenEntry {
  id: ScreenId;
  /** The navigation's label; also the button's accessible name (a count, when there is one, is added after). */
  label: string;
  render(): ReactNode;
}

/**
 * The screens, in the navigation's order. A new screen adds its id to ScreenId (stores/workspace-store.ts) and
 * an entry here; the navigation and the main pane follow.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { id: 'clients', label: 'Clients', render: () => <ClientsScreen /> },
  { id: 'appointments', label: 'Appointments', render: () => <AppointmentsScreen /> },
  { id: 'held', label: 'Held texts', render: () => <HeldScreen /> },
  { id: 'review', label: 'Review', render: () => <ReviewScreen /> },
  { id: 'unknown', label: 'Unknown senders', render: () => <UnknownSendersScreen /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsScreen /> },
];
