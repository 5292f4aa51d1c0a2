import { useEffect } from 'react';
import { call } from '../../api';
import { Callout } from '../../components/Callout';
import { formatWhen } from '../../components/time';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { kindLabel } from '../thread/message-words';

/** Texts from numbers that are on no client card: kept and shown, never lost (PRODUCT.md "Replies"). */
export function UnknownSendersScreen() {
  const senders = useDeskQuery('unknown-senders', () => call('sms.unknownSenders', {}));
  const list = senders.value ?? [];
  // Shown on screen is read: the badge on this tab clears once staff have looked.
  useEffect(() => {
    for (const sender of senders.value ?? []) {
      if (sender.messages.some((message) => message.direction === 'inbound' && message.readAt === null)) {
        void call('sms.markNumberRead', { e164: sender.e164 }).catch(() => {});
      }
    }
  }, [senders.value]);
  return (
    <section className="screen" aria-labelledby="unknown-title">
      <header className="screen-header">
        <div>
          <h2 id="unknown-title">Unknown senders</h2>
          <p className="screen-intro">
            Texts from numbers that are on no client card. To answer one, add the number to a client (New
            client or Edit); the texts then show on that card.
          </p>
        </div>
      </header>
      {senders.error && (
        <p className="form-error" role="alert">
          {senders.error}
        </p>
      )}
      {senders.value && list.length === 0 && (
        <Callout tone="neutral">
          <p>No texts from unknown numbers.</p>
        </Callout>
      )}
      <ul className="unknown-list" aria-label="Unknown senders">
        {list.map((sender) => (
          <li key={sender.e164} className="unknown-sender" data-e164={sender.e164}>
            <h3 className="unknown-number">
              {sender.display} <span className="unknown-label">Unknown sender</span>
            </h3>
            <ol className="unknown-messages">
              {sender.messages.map((message) => (
                <li
                  key={message.id}
                  className={
                    message.direction === 'inbound' ? 'unknown-message is-in' : 'unknown-message is-out'
                  }
                >
                  <span className="unknown-meta">
                    {message.direction === 'inbound' ? 'They wrote' : (kindLabel(message) ?? 'Sent')} ·{' '}
                    {formatWhen(message.createdAt)}
                  </span>
                  <span className="unknown-body">{message.body}</span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  );
}
