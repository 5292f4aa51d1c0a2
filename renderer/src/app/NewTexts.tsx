import { call } from '../api';
import { useInboxStore } from '../stores/inbox-store';
import { useDeskQuery } from '../stores/useDeskQuery';
import { useWorkspaceStore } from '../stores/workspace-store';

/** Clients with texts nobody has read yet, so a returning receptionist sees at once who is waiting. */
export function NewTexts() {
  const byClient = useInboxStore((state) => state.byClient);
  const openClient = useWorkspaceStore((state) => state.openClient);
  const ids = byClient.slice(0, 8).map((row) => row.clientId);
  const clients = useDeskQuery(ids.length === 0 ? null : `unread-clients:${ids.join(',')}`, () =>
    Promise.all(ids.map((clientId) => call('clients.get', { clientId }))),
  );
  if (ids.length === 0 || !clients.value) return null;
  return (
    <section className="new-texts" aria-labelledby="new-texts-title">
      <h3 id="new-texts-title">New texts</h3>
      <ul>
        {clients.value.map((client) => {
          const count = byClient.find((row) => row.clientId === client.id)?.count ?? 0;
          return (
            <li key={client.id}>
              <button type="button" className="new-text-row" onClick={() => openClient(client.id)}>
                <span className="new-text-name">{`${client.firstName} ${client.lastName}`.trim()}</span>
                <span className="new-text-count">
                  {count} new {count === 1 ? 'text' : 'texts'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
