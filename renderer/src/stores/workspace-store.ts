import { create } from 'zustand';
import type { Client } from '../../../shared/api/clients';

export type ClientFormRequest = { mode: 'new' } | { mode: 'edit'; client: Client };

interface WorkspaceState {
  /** The client whose card is open. */
  openClientId: number | null;
  /** The new-client or edit form, when one is open. */
  form: ClientFormRequest | null;
  openClient(clientId: number): void;
  openNewClientForm(): void;
  openEditForm(client: Client): void;
  closeForm(): void;
}

export const useWorkspaceStore = create<WorkspaceState>()((set) => ({
  openClientId: null,
  form: null,
  openClient: (clientId) => set({ openClientId: clientId }),
  openNewClientForm: () => set({ form: { mode: 'new' } }),
  openEditForm: (client) => set({ form: { mode: 'edit', client } }),
  closeForm: () => set({ form: null }),
}));
