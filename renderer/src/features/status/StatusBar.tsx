import type { SyncStatus } from '../../../../shared/api';
import { formatClock } from '../../components/time';
import { useDeskStore } from '../../stores/desk-store';
import { useWorkspaceStore } from '../../stores/workspace-store';

/**
 * Always in view: whether the carrier answers, when the last sync ran, what waits to go and what is held. The
 * store reads it once at start and then follows the core's pushes; until the first answer it says "Connecting…".
 */
export function StatusBar() {
  const info = useDeskStore((state) => state.info);
  const sync = useDeskStore((state) => state.sync);
  const connection = useDeskStore((state) => state.connection);
  const mode = sync?.carrierMode ?? info?.carrierMode;
  return (
    <footer className="status-bar" aria-label="Desk status">
      {connection === 'reconnecting' ? (
        <span className="status-item status-offline" role="status">
          <span className="status-dot" aria-hidden="true" />
          Reconnecting to the desk…
        </span>
      ) : sync ? (
        <SyncSummary sync={sync} />
      ) : (
        <span className="status-item" role="status">
          <span className="status-dot status-dot-idle" aria-hidden="true" />
          Connecting…
        </span>
      )}
      {mode === 'demo' && (
        <span className="status-item status-demo">Demo carrier: no real texts are sent</span>
      )}
    </footer>
  );
}

function SyncSummary({ sync }: { sync: SyncStatus }) {
  const goTo = useWorkspaceStore((state) => state.goTo);
  return (
    <>
      <span
        className={sync.online ? 'status-item status-online' : 'status-item status-offline'}
        role="status"
      >
        <span className="status-dot" aria-hidden="true" />
        {sync.online ? 'Carrier online' : `Carrier offline${sync.problem ? `: ${sync.problem}` : ''}`}
      </span>
      <span className="status-item">
        Last sync {sync.lastSyncAt === null ? 'not yet' : formatClock(sync.lastSyncAt)}
      </span>
      <span className="status-item" data-status="waiting">
        {sync.waiting} waiting to send
      </span>
      <button
        type="button"
        className="status-item status-link"
        data-status="held"
        onClick={() => goTo('held')}
      >
        {sync.held} held for consent
      </button>
      {sync.online && sync.problem && <span className="status-item status-warning">{sync.problem}</span>}
    </>
  );
}
