import type { SyncStatus } from '../../../shared/api';
import { useDeskStore } from '../stores/desk-store';

/** Which carrier the desk uses and, once the core reports it, whether it is reachable and what is waiting. */
export function StatusBar() {
  const info = useDeskStore((state) => state.info);
  const sync = useDeskStore((state) => state.sync);
  const connection = useDeskStore((state) => state.connection);
  return (
    <footer className="status-bar">
      {info?.carrierMode === 'demo' && (
        <span className="status-item status-demo">
          Demo carrier: texts go to the built-in simulator, not to real phones.
        </span>
      )}
      {info?.carrierMode === 'telnyx' && <span className="status-item">Carrier: Telnyx</span>}
      {sync && <SyncSummary sync={sync} />}
      {connection === 'reconnecting' && (
        <span className="status-item status-warning" role="status">
          Reconnecting to the desk…
        </span>
      )}
    </footer>
  );
}

function SyncSummary({ sync }: { sync: SyncStatus }) {
  return (
    <>
      <span className={sync.online ? 'status-item' : 'status-item status-warning'}>
        {sync.online ? 'Carrier reachable' : `Carrier unreachable${sync.problem ? `: ${sync.problem}` : ''}`}
      </span>
      <span className="status-item">
        Last sync: {sync.lastSyncAt === null ? 'not yet' : new Date(sync.lastSyncAt).toLocaleTimeString()}
      </span>
      <span className="status-item">
        {sync.waiting} waiting to send · {sync.held} held for consent
      </span>
    </>
  );
}
