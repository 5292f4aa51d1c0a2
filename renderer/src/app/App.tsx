import { useEffect } from 'react';
import { ClientCard } from '../features/client-card/ClientCard';
import { ClientFormDialog } from '../features/client-form/ClientFormDialog';
import { SearchPanel } from '../features/search/SearchPanel';
import { useDeskStore } from '../stores/desk-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';

export function App() {
  const info = useDeskStore((state) => state.info);
  const infoError = useDeskStore((state) => state.infoError);
  const openClientId = useWorkspaceStore((state) => state.openClientId);
  useGlobalShortcuts();

  useEffect(() => {
    if (info) document.title = `FrontDesk SMS · ${info.businessName}`;
  }, [info]);

  return (
    // data-desk-ready: the app's own "loaded" signal, which end-to-end tests wait on instead of sleeping.
    <div className="app" data-desk-ready={info ? 'true' : 'false'}>
      <TopBar />
      {infoError && (
        <p className="app-error" role="alert">
          {infoError}
        </p>
      )}
      <div className="workspace">
        <aside className="sidebar">
          <SearchPanel />
        </aside>
        <main className="main-pane">
          {openClientId === null ? (
            <div className="empty-state">
              <h2>No client open</h2>
              <p>Find a client with the search box, or add a new one.</p>
            </div>
          ) : (
            <ClientCard clientId={openClientId} />
          )}
        </main>
      </div>
      <StatusBar />
      <ClientFormDialog />
    </div>
  );
}
