import { useState } from 'react';
import type { Client } from '../../../../shared/api/clients';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { ConsentTag } from '../../components/ConsentTag';
import { Dialog } from '../../components/Dialog';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { Composer } from './Composer';
import { ConsentPanel } from './ConsentPanel';
import { FeedbackLine, type Feedback } from './feedback';
import { OptedOutPanel } from './OptedOutPanel';
import { SentFromHere } from './SentFromHere';
import { textableNumbers } from './sms-numbers';

/**
 * The SMS dialog (PRODUCT.md "Sending by hand" 2–8): the 10DLC notice, the number the text goes to, and what
 * can be done by that number's consent, all decided by the desk (sms.dialogState) and re-read live.
 */
export function SmsDialog({ client, onClose }: { client: Client; onClose(): void }) {
  const numbers = textableNumbers(client.phones);
  const [chosen, setChosen] = useState(numbers[0]?.e164 ?? null);
  const phone = numbers.find((candidate) => candidate.e164 === chosen) ?? numbers[0] ?? null;
  const e164 = phone?.e164 ?? null;
  const state = useDeskQuery(e164 === null ? null : `dialog:${e164}`, () =>
    call('sms.dialogState', { e164: e164! }),
  );
  const [sentIds, setSentIds] = useState<number[]>([]);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const name = `${client.firstName} ${client.lastName}`.trim();
  const dialog = state.value?.e164 === e164 ? state.value : null;

  return (
    <Dialog title={`Text ${name}`} onClose={onClose} className="dialog-sms">
      <div className="sms-dialog">
        {phone === null ? (
          <p className="empty-note">
            {client.firstName} has no phone number. Add one with Edit to send a text.
          </p>
        ) : (
          <>
            {dialog && (
              <p className="tendlc-notice" data-testid="tendlc-notice">
                <span className="tendlc-label">Why consent first · </span>
                {dialog.notice}
              </p>
            )}
            <div className="sms-to">
              {numbers.length > 1 ? (
                <label className="sms-to-label">
                  <span>To</span>
                  <select
                    value={phone.e164}
                    onChange={(event) => {
                      setChosen(event.target.value);
                      setSentIds([]);
                      setFeedback(null);
                    }}
                  >
                    {numbers.map((option) => (
                      <option key={option.id} value={option.e164}>
                        {option.display} · {option.label}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p className="sms-to-label">
                  <span>To</span>
                  <strong className="sms-to-number">{phone.display}</strong>
                  <span className="sms-to-kind">{phone.label}</span>
                </p>
              )}
              <ConsentTag state={dialog?.consent ?? phone.consent} />
            </div>
            {state.error && (
              <p className="form-error" role="alert">
                {state.error}
              </p>
            )}
            {dialog && dialog.consent === 'opted_out' && (
              <OptedOutPanel client={client} dialog={dialog} report={setFeedback} />
            )}
            {dialog && dialog.consent !== 'opted_out' && (
              <>
                <ConsentPanel client={client} dialog={dialog} report={setFeedback} />
                <Composer
                  key={dialog.e164}
                  client={client}
                  dialog={dialog}
                  report={setFeedback}
                  onSent={(messageId) => setSentIds((ids) => [...ids, messageId])}
                />
              </>
            )}
            {!dialog && !state.error && (
              <p className="empty-note" aria-busy="true">
                Checking this number’s consent…
              </p>
            )}
            <FeedbackLine feedback={feedback} />
            <SentFromHere clientId={client.id} messageIds={sentIds} />
          </>
        )}
        <div className="dialog-footer">
          <Button variant="quiet" onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
