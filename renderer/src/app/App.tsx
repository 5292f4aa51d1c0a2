import { useEffect } from 'react';
import { Notices } from '../components/Notices';
import { ClientFormDialog } from '../features/client-form/ClientFormDialog';
import { SearchPanel } from '../features/search/SearchPanel';
import { StatusBar } from '../features/status/StatusBar';
import { startAnnouncingArrivals } from '../features/thread/announce-arrivals';
import { useDeskStore } from '../stores/desk-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { SCREENS } from './screens';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './useGlobalShortcuts';

export function App() {
  const info = useDeskStore((state) => state.info);
  const infoError = useDeskStore((state) => state.infoError);
  const screen = useWorkspaceStore((state) => state.screen);
  useGlobalShortcuts();

  useEffect(() => {
    startAnnouncingArrivals();
  }, []);

  useEffect(() => {
    if (info) document.title = `FrontDesk SMS · ${info.businessName}`;
  }, [info]);

  const current = SCREENS.find((entry) => entry.id === screen) ?? SCREENS[0]!;
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
        <main className={`main-pane main-${current.id}`} data-screen={current.id}>
          {current.render()}
        </main>
      </div>
      <StatusBar />
      <Notices />
      <ClientFormDialog />
    </div>
  );
}
