import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Client } from '../../../../shared/api/clients';
import type { SmsDialogState } from '../../../../shared/api/messages';
import { countSegments } from '../../../../shared/segments';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { SegmentMeter } from '../../components/SegmentMeter';
import { sendText } from './actions';
import type { Report } from './feedback';

const MAX_LENGTH = 1_600;

interface ComposerProps {
  client: Client;
  dialog: SmsDialogState;
  report: Report;
  onSent(messageId: number): void;
}

/**
 * The message box with its cost as it is typed. To a number never asked, Send first asks staff to confirm that
 * the opt-in request goes out and the text is held (PRODUCT.md "Sending by hand" 3); Ctrl+Enter sends.
 */
export function Composer({ client, dialog, report, onSent }: ComposerProps) {
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const meterId = useId();
  const count = useMemo(() => countSegments(body), [body]);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const blank = body.trim().length === 0;
  // A confirmation is about a number never asked; once it has been asked, it no longer applies.
  const askFirst = confirming && dialog.consent === 'unknown';

  useEffect(() => {
    if (askFirst) confirmRef.current?.focus();
  }, [askFirst]);

  // The box appears once the number's consent is known (or another number is picked): writing starts there.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const send = async (holdUntilOptIn: boolean) => {
    if (blank || busy) return;
    if (dialog.consent === 'unknown' && !holdUntilOptIn) {
      report(null);
      setConfirming(true);
      return;
    }
    setBusy(true);
    report(null);
    const answer = await sendText({ clientId: client.id, e164: dialog.e164, body, holdUntilOptIn });
    setBusy(false);
    setConfirming(false);
    if (answer.ok) {
      setBody('');
      onSent(answer.outcome.messageId);
      // A text that goes out at once shows its live status below; a held one says why it waits.
      report(
        answer.outcome.status === 'held'
          ? { ok: true, text: answer.outcome.summary, waiting: true }
          : answer.outcome.status === 'queued'
            ? null
            : { ok: true, text: answer.outcome.summary },
      );
    } else if (answer.code === 'conflict' && answer.field === 'holdUntilOptIn') {
      // The number was never asked after all (another desk changed it): ask staff first.
      setConfirming(true);
    } else {
      report({ ok: false, text: answer.message });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send(false);
    }
  };

  const sendHint =
    dialog.consent === 'opted_in'
      ? 'Goes out at once.'
      : dialog.consent === 'pending'
        ? 'Will be held until they opt in.'
        : 'You will be asked to confirm the opt-in request first.';

  return (
    <div className="composer">
      <label htmlFor={`${meterId}-message`} className="composer-label">
        Message
      </label>
      <textarea
        ref={inputRef}
        id={`${meterId}-message`}
        className="composer-input"
        data-autofocus
        rows={4}
        maxLength={MAX_LENGTH}
        value={body}
        placeholder={`Write to ${client.firstName}…`}
        aria-describedby={meterId}
        onChange={(event) => {
          setBody(event.target.value);
          setConfirming(false);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-footer">
        <SegmentMeter id={meterId} count={count} />
        {!askFirst && (
          <div className="composer-send">
            <span className="composer-hint">{sendHint}</span>
            <Button variant="primary" onClick={() => void send(false)} disabled={blank || busy}>
              Send
            </Button>
          </div>
        )}
      </div>
      {askFirst && (
        <Callout tone="warning" title="Send the opt-in request first?" className="confirm-hold" role="note">
          <p>
            {client.firstName} has not opted in, so this message cannot go yet. FrontDesk will send the opt-in
            request now and hold your message; it goes out by itself when {client.firstName} replies YES.
          </p>
          <div className="callout-actions">
            <Button ref={confirmRef} variant="go" disabled={busy} onClick={() => void send(true)}>
              Send request and hold message
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Go back
            </Button>
          </div>
        </Callout>
      )}
    </div>
  );
}
