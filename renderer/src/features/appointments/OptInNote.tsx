import { useCallback, useState } from 'react';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { useDeskStore } from '../../stores/desk-store';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { dayAndTime } from './appointment-words';

/**
 * Under an appointment whose texts wait for an opt-in: when the request went out, and the one-click re-send
 * (the desk refuses it within 24 hours of the last, or after three in 30 days, and says so).
 */
export function OptInNote({
  clientId,
  e164,
  timeZone,
  onDone,
}: {
  clientId: number;
  e164: string;
  timeZone: string;
  onDone(message: string): void;
}) {
  const load = useCallback(() => call('sms.dialogState', { e164 }), [e164]);
  const state = useDeskQuery(`opt-in:${e164}`, load);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = state.value;
  if (!dialog) return null;

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await call('consent.requestOptIn', { clientId, e164 });
      useDeskStore.getState().markChanged();
      onDone(outcome.summary);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="opt-in-note">
      <span>
        {dialog.lastRequestAt === null
          ? 'No opt-in request has gone out yet.'
          : `Opt-in request sent ${dayAndTime(dialog.lastRequestAt, timeZone)}.`}{' '}
        Texts wait until the client replies YES.
      </span>
      <Button variant="quiet" disabled={busy || !dialog.request.allowed} onClick={() => void send()}>
        {dialog.lastRequestAt === null ? 'Send opt-in request' : 'Send opt-in request again'}
      </Button>
      {!dialog.request.allowed && <span className="result-meta">{dialog.request.reason}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
