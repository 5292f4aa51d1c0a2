import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/api/clients';
import { call } from '../../api';
import { useDeskStore } from '../../stores/desk-store';

export type ClientState =
  | { status: 'loading'; client: Client | null }
  | { status: 'ready'; client: Client }
  | { status: 'error'; message: string };

interface Answer {
  key: string;
  clientId: number;
  client?: Client;
  error?: string;
}

/** One client, re-read whenever anything changes at the desk (a reply can change a number's consent). */
export function useClient(clientId: number): ClientState {
  const revision = useDeskStore((state) => state.revision);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = `${clientId}:${revision}`;

  useEffect(() => {
    let current = true;
    call('clients.get', { clientId }).then(
      (client) => {
        if (current) setAnswer({ key, clientId, client });
      },
      (error: unknown) => {
        if (current) setAnswer({ key, clientId, error: (error as Error).message });
      },
    );
    return () => {
      current = false;
    };
  }, [clientId, key]);

  if (answer?.key === key) {
    if (answer.client) return { status: 'ready', client: answer.client };
    return { status: 'error', message: answer.error ?? 'The card could not be read.' };
  }
  // Keep showing the same client while it is re-read, so the card does not flash.
  return { status: 'loading', client: answer?.clientId === clientId ? (answer.client ?? null) : null };
}
