import { create } from 'zustand';
import type { Client } from '../../../shared/api/clients';

export type ClientFormRequest = { mode: 'new' } | { mode: 'edit'; client: Client };

/**
 * The screens the navigation offers. To add one: add its id here, then its entry in app/screens.tsx (label and
 * what it shows); the navigation and the main pane are built from that list.
 */
export type ScreenId = 'clients' | 'appointments' | 'held' | 'review' | 'unknown' | 'settings';

interface WorkspaceState {
  screen: ScreenId;
  /** The client whose card is open. */
  openClientId: number | null;
  /** The new-client or edit form, when one is open. */
  form: ClientFormRequest | null;
  goTo(screen: ScreenId): void;
  /** Opens the client's card (and the clients screen, from wherever staff were). */
  openClient(clientId: number): void;
  openNewClientForm(): void;
  openEditForm(client: Client): void;
  closeForm(): void;
}

export const useWorkspaceStore = create<WorkspaceState>()((set) => ({
  screen: 'clients',
  openClientId: null,
  form: null,
  goTo: (screen) => set({ screen }),
  openClient: (clientId) => set({ openClientId: clientId, screen: 'clients' }),
  openNewClientForm: () => set({ form: { mode: 'new' } }),
  openEditForm: (client) => set({ form: { mode: 'edit', client } }),
  closeForm: () => set({ form: null }),
}));
