import { ClientCard } from '../features/client-card/ClientCard';
import { useWorkspaceStore } from '../stores/workspace-store';
import { NewTexts } from './NewTexts';

/** The open client's card, or, with none open, who has written in. */
export function ClientsScreen() {
  const openClientId = useWorkspaceStore((state) => state.openClientId);
  if (openClientId !== null) return <ClientCard clientId={openClientId} />;
  return (
    <div className="empty-state">
      <h2>No client open</h2>
      <p>Find a client with the search box, or add a new one.</p>
      <NewTexts />
    </div>
  );
}
