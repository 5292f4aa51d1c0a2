import { call } from '../../api';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { STATUS_WORDS, statusReason } from '../thread/message-words';

/** The texts sent from this dialog, with their status as it moves (queued → sent → delivered, or why not). */
export function SentFromHere({ clientId, messageIds }: { clientId: number; messageIds: number[] }) {
  const thread = useDeskQuery(messageIds.length === 0 ? null : `thread:${clientId}`, () =>
    call('sms.thread', { clientId }),
  );
  if (messageIds.length === 0 || !thread.value) return null;
  const sent = thread.value.filter((message) => messageIds.includes(message.id));
  if (sent.length === 0) return null;
  return (
    <section className="sent-here" aria-labelledby="sent-here-title">
      <h3 id="sent-here-title">Sent from here</h3>
      {/* Polite: staff hear "Delivered" (or why not) without leaving the message box. */}
      <ul aria-live="polite">
        {sent.map((message) => {
          const status = STATUS_WORDS[message.status];
          const reason = statusReason(message);
          return (
            <li key={message.id} className="sent-item" data-status={message.status}>
              <span className="sent-body">{message.body}</span>
              <span className={`status-chip status-${status.tone}`}>{status.label}</span>
              {reason && <span className={`message-reason reason-${status.tone}`}>{reason}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
