import { useEffect, useRef, useState } from 'react';
import type { Client, Phone } from '../../../../shared/api/clients';
import type { MessageView } from '../../../../shared/api/messages';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { formatWhen } from '../../components/time';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { requestOptIn } from '../sms/actions';
import { classificationNote, kindLabel, STATUS_WORDS, statusReason } from './message-words';

/**
 * Every text in and out for the client's numbers, oldest first, with each one's status and why; re-read on
 * every push from the desk, so statuses move as the carrier reports them. Viewing it marks replies read.
 */
export function Thread({ client }: { client: Client }) {
  const thread = useDeskQuery(`thread:${client.id}`, () => call('sms.thread', { clientId: client.id }));
  const messages = thread.value;
  const listRef = useRef<HTMLOListElement>(null);
  const hasUnread = messages?.some((message) => message.direction === 'inbound' && message.readAt === null);

  useEffect(() => {
    // The card is on screen, so its replies have been seen.
    if (hasUnread) void call('sms.markRead', { clientId: client.id }).catch(() => undefined);
  }, [hasUnread, client.id, messages]);

  const count = messages?.length ?? 0;
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  const name = `${client.firstName} ${client.lastName}`.trim();
  const showNumber = client.phones.length > 1;
  return (
    <section className="card-section thread-section" aria-labelledby="client-card-thread">
      <h3 id="client-card-thread">Messages</h3>
      <NotOptedInHints client={client} messages={messages ?? []} />
      {thread.error && (
        <p className="form-error" role="alert">
          {thread.error}
        </p>
      )}
      {messages && messages.length === 0 && (
        <p className="empty-note">No texts with {client.firstName} yet. Use the SMS button to write one.</p>
      )}
      {messages && messages.length > 0 && (
        <ol ref={listRef} className="thread" aria-label={`Texts with ${name}`} tabIndex={0}>
          {messages.map((message) => (
            <MessageRow key={message.id} message={message} phones={showNumber ? client.phones : null} />
          ))}
        </ol>
      )}
    </section>
  );
}

function MessageRow({ message, phones }: { message: MessageView; phones: Phone[] | null }) {
  const inbound = message.direction === 'inbound';
  const status = STATUS_WORDS[message.status];
  const kind = kindLabel(message);
  const reason = inbound ? null : statusReason(message);
  const note = classificationNote(message);
  const phone = phones?.find((candidate) => candidate.e164 === message.e164);
  // The app's own texts are signed "Automatic", so they are never taken for a person's (the default staff
  // name is "Front desk").
  const who = inbound ? 'Client' : (message.staffName ?? (kind ? 'Automatic' : 'Staff'));
  return (
    <li
      className={inbound ? 'message message-in' : 'message message-out'}
      data-status={message.status}
      data-message-id={message.id}
    >
      <div className={`bubble bubble-${status.tone}`}>
        {kind && <span className="message-kind">{kind}</span>}
        <p className="message-body">{message.body}</p>
      </div>
      <p className="message-meta">
        <span>{who}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatWhen(message.createdAt)}</time>
        {phone && (
          <>
            <span aria-hidden="true">·</span>
            <span>{phone.display}</span>
          </>
        )}
        {!inbound && <span className={`status-chip status-${status.tone}`}>{status.label}</span>}
      </p>
      {reason && <p className={`message-reason reason-${status.tone}`}>{reason}</p>}
      {note && <p className="message-reason">{note}</p>}
    </li>
  );
}

/**
 * A client who texts before opting in is not answered automatically (PRODUCT.md "Replies"): staff see the text
 * and a hint to send the opt-in request, right where they read it.
 */
function NotOptedInHints({ client, messages }: { client: Client; messages: MessageView[] }) {
  const waiting = client.phones.filter(
    (phone) =>
      phone.consent === 'unknown' &&
      messages.some((message) => message.direction === 'inbound' && message.e164 === phone.e164),
  );
  if (waiting.length === 0) return null;
  return (
    <>
      {waiting.map((phone) => (
        <OptInHint key={phone.id} client={client} phone={phone} />
      ))}
    </>
  );
}

function OptInHint({ client, phone }: { client: Client; phone: Phone }) {
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Callout tone="info" title={`${client.firstName} texted from ${phone.display} but has not opted in`}>
      <p>
        Replies cannot go to this number yet. Send the opt-in request; once {client.firstName} answers YES you
        can text back.
      </p>
      <div className="callout-actions">
        <Button
          variant="go"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const answer = await requestOptIn(client.id, phone.e164);
            setBusy(false);
            setResult(answer.ok ? answer.outcome.summary : answer.message);
          }}
        >
          Send opt-in request
        </Button>
        {result && (
          <span role="status" className="callout-result">
            {result}
          </span>
        )}
      </div>
    </Callout>
  );
}
