import type { HeldItem } from '../../../../shared/api/messages';
import { Button } from '../../components/Button';
import { ConsentTag } from '../../components/ConsentTag';
import { formatIn, formatWhen } from '../../components/time';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { kindLabel } from '../thread/message-words';
import type { useHeldActions } from './useHeldActions';

interface HeldRowProps {
  item: HeldItem;
  index: number;
  position: number;
  setSize: number;
  /** Where the virtualiser places the row, in pixels from the top of the list. */
  start: number;
  measure(element: Element | null): void;
  actions: ReturnType<typeof useHeldActions>;
}

export function HeldRow({ item, index, position, setSize, start, measure, actions }: HeldRowProps) {
  const openClient = useWorkspaceStore((state) => state.openClient);
  const busy = actions.busyId === item.messageId;
  const kind = kindLabel(item);
  const who = item.clientName ?? 'Unknown client';
  return (
    <li
      className="held-row"
      ref={measure}
      data-index={index}
      data-message-id={item.messageId}
      aria-posinset={position}
      aria-setsize={setSize}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div className="held-who">
        {item.clientId !== null ? (
          <button type="button" className="link-button held-name" onClick={() => openClient(item.clientId!)}>
            {who}
          </button>
        ) : (
          <span className="held-name">{who}</span>
        )}
        <span className="held-number">{item.display}</span>
        <ConsentTag state={item.consent} />
      </div>
      <div className="held-what">
        <p className="held-body">
          {kind && <span className="message-kind">{kind}: </span>}
          {item.body}
        </p>
        <p className="held-reason">{item.reason}</p>
      </div>
      <div className="held-when">
        <span>Since {formatWhen(item.since)}</span>
        <span className={item.expiresAt === null ? 'held-expiry' : 'held-expiry has-expiry'}>
          {item.expiresAt === null ? 'Does not expire' : `Expires ${formatIn(item.expiresAt)}`}
        </span>
      </div>
      <div className="held-actions">
        {item.canRelease && (
          <Button small variant="primary" disabled={busy} onClick={() => void actions.release(item)}>
            Release
          </Button>
        )}
        {!item.canRelease && item.clientId !== null && item.consent !== 'opted_out' && (
          <Button small variant="go" disabled={busy} onClick={() => void actions.resend(item)}>
            Re-send opt-in request
          </Button>
        )}
        <Button small disabled={busy} onClick={() => void actions.cancel(item)}>
          Cancel
        </Button>
      </div>
    </li>
  );
}
