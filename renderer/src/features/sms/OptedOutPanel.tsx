import { useId, useState } from 'react';
import type { Client } from '../../../../shared/api/clients';
import type { SmsDialogState } from '../../../../shared/api/messages';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { displayPhone } from '../../components/phone-display';
import { useDeskStore } from '../../stores/desk-store';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { staffReRequest } from './actions';
import type { Report } from './feedback';

/**
 * An opted-out number: nothing can be sent (PRODUCT.md "Sending by hand" 6). Staff may record a new opt-in
 * request only after confirming the client asked for it, with the reason the ledger keeps; if the carrier
 * itself still blocks the number, only the client texting START can lift that.
 */
export function OptedOutPanel({
  client,
  dialog,
  report,
}: {
  client: Client;
  dialog: SmsDialogState;
  report: Report;
}) {
  const first = client.firstName;
  const staffName = useDeskStore((state) => state.staffName);
  const carrier = useDeskQuery('carrier-settings', () => call('carrier.getSettings', {}));
  const businessNumber = carrier.value ? displayPhone(carrier.value.sendingNumber) : 'the business number';
  const [asked, setAsked] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const ready = asked && reason.trim().length > 0 && !busy;

  const record = async () => {
    if (!ready) return;
    setBusy(true);
    report(null);
    const answer = await staffReRequest(client.id, dialog.e164, reason.trim());
    setBusy(false);
    if (answer.ok) {
      setReason('');
      setAsked(false);
      report({ ok: true, text: answer.outcome.summary });
    } else {
      report({ ok: false, text: answer.message });
    }
  };

  return (
    <div className="sms-state" data-consent-panel="opted_out">
      <Callout tone="danger" title={`${first} opted out: nothing can be sent`}>
        <p>
          No text, typed or automated, goes to {dialog.display}. This protects the business: texting someone
          who said stop breaks the law.
        </p>
      </Callout>
      {dialog.carrierBlocked && (
        <Callout tone="warning" title="The carrier also blocks this number" role="note">
          <p>
            {first} must text <strong>START</strong> to {businessNumber} from their phone. Until they do, the
            carrier refuses every text, even an opt-in request.
          </p>
        </Callout>
      )}
      <fieldset className="rerequest">
        <legend>Record a new opt-in request</legend>
        <p className="rerequest-intro">
          Only if {first} asked to get texts again. The consent ledger keeps who recorded it
          {staffName ? ` (${staffName})` : ''}, when, and why. If the carrier still blocks the number, {first}{' '}
          must text START to {businessNumber}.
        </p>
        <label className="check-row">
          <input type="checkbox" checked={asked} onChange={(event) => setAsked(event.target.checked)} />
          <span>{first} asked me to send texts again</span>
        </label>
        <label htmlFor={`${ids}-reason`} className="field-label">
          Reason <span className="required-note">(required, recorded in the ledger)</span>
        </label>
        <textarea
          id={`${ids}-reason`}
          rows={2}
          maxLength={500}
          value={reason}
          placeholder="e.g. Asked at the front desk on drop-off to get reminders again"
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="callout-actions">
          <Button variant="go" disabled={!ready} onClick={() => void record()}>
            Record request and send it
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
