import { useId, useState } from 'react';
import type { Client } from '../../../../shared/api/clients';
import type { SmsDialogState } from '../../../../shared/api/messages';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { formatWhen } from '../../components/time';
import { requestOptIn } from './actions';
import type { Report } from './feedback';

interface PanelProps {
  client: Client;
  dialog: SmsDialogState;
  report: Report;
}

/** What the number's consent means for this text, and the green opt-in request button where it applies. */
export function ConsentPanel({ client, dialog, report }: PanelProps) {
  const first = client.firstName;
  switch (dialog.consent) {
    case 'opted_in':
      return (
        <p className="sms-state-line" data-consent-panel="opted_in">
          {first} opted in: your text goes out at once, and its delivery shows below.
        </p>
      );
    case 'pending':
      return (
        <div className="sms-state" data-consent-panel="pending">
          <Callout tone="info" title={`Waiting for ${first} to opt in`}>
            <p>
              A message you write now will not be sent until {first} opts in by replying YES. It is held, and
              goes out by itself as soon as they do.
              {dialog.heldCount > 0 &&
                ` ${dialog.heldCount} ${dialog.heldCount === 1 ? 'text is' : 'texts are'} already held.`}
            </p>
          </Callout>
          <RequestButton client={client} dialog={dialog} report={report} resend />
        </div>
      );
    case 'unknown':
      return (
        <div className="sms-state" data-consent-panel="unknown">
          <p className="sms-state-line">
            {first} has not been asked yet. Send the opt-in request first: it asks them to reply YES, and
            nothing else goes out until they do.
          </p>
          <RequestButton client={client} dialog={dialog} report={report} resend={false} />
        </div>
      );
    default:
      return null;
  }
}

function RequestButton({ client, dialog, report, resend }: PanelProps & { resend: boolean }) {
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const refused = dialog.request.allowed ? null : dialog.request.reason;

  const send = async () => {
    setBusy(true);
    report(null);
    const answer = await requestOptIn(client.id, dialog.e164);
    setBusy(false);
    report(answer.ok ? { ok: true, text: answer.outcome.summary } : { ok: false, text: answer.message });
  };

  return (
    <div className="request-row">
      <Button
        variant="go"
        onClick={send}
        disabled={busy || refused !== null}
        aria-describedby={refused ? reasonId : undefined}
      >
        Send opt-in request
      </Button>
      <div className="request-facts">
        <p className="request-last">
          {dialog.lastRequestAt === null
            ? resend
              ? 'No request from this desk on record.'
              : 'Sends only the request, nothing else.'
            : `Last request sent ${formatWhen(dialog.lastRequestAt)}.`}
        </p>
        {refused && (
          <p id={reasonId} className="request-refused">
            {refused}
          </p>
        )}
      </div>
    </div>
  );
}
