import { useState, type FormEvent } from 'react';
import type { CarrierSettings as CarrierView, ConnectionCheck } from '../../../../shared/api/carrier';
import type { DeskSettings } from '../../../../shared/api/settings';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { FormField } from '../../components/FormField';
import { displayPhone } from '../../components/phone-display';
import { useDeskStore } from '../../stores/desk-store';
import { errorsFrom, type FieldErrors } from './field-errors';
import { SaveLine, type SaveState } from './SaveLine';

/**
 * Telnyx credentials (the key is never shown back, only its last four characters), "Test connection" in plain
 * words, and pushing the HELP answer to the carrier so HELP is answered while the desk is closed.
 */
export function CarrierSettings({
  carrier,
  settings,
  onCarrier,
  onSettings,
}: {
  carrier: CarrierView;
  settings: DeskSettings;
  onCarrier(next: CarrierView): void;
  onSettings(next: DeskSettings): void;
}) {
  const [apiKey, setApiKey] = useState('');
  const [profile, setProfile] = useState(carrier.mode === 'telnyx' ? (carrier.messagingProfileId ?? '') : '');
  const [sendingNumber, setSendingNumber] = useState(carrier.mode === 'telnyx' ? carrier.sendingNumber : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [check, setCheck] = useState<ConnectionCheck | 'checking' | null>(null);
  const [help, setHelp] = useState<SaveState>({ status: 'idle' });
  const locked = !carrier.canChange;

  const afterSwitch = (next: CarrierView) => {
    onCarrier(next);
    setCheck(null);
    void useDeskStore.getState().refreshInfo();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSave({ status: 'saving' });
    try {
      const next = await call('carrier.saveSettings', { apiKey, messagingProfileId: profile, sendingNumber });
      setApiKey('');
      setErrors({});
      setSave({ status: 'saved', text: 'Saved: the desk now texts through Telnyx.' });
      afterSwitch(next);
    } catch (error) {
      const found = errorsFrom(error);
      setErrors(found.fields);
      setSave({ status: 'failed', text: found.form ?? 'Not saved: see the field marked in red.' });
    }
  };

  const forget = async () => {
    setSave({ status: 'saving' });
    try {
      const next = await call('carrier.clearSettings', {});
      setProfile('');
      setSendingNumber('');
      setSave({ status: 'saved', text: 'Credentials forgotten: the desk is back on the demo carrier.' });
      afterSwitch(next);
    } catch (error) {
      setSave({ status: 'failed', text: (error as Error).message });
    }
  };

  const test = async () => {
    setCheck('checking');
    try {
      setCheck(await call('carrier.testConnection', {}));
    } catch (error) {
      setCheck({ ok: false, mode: carrier.mode, problem: 'unreachable', message: (error as Error).message });
    }
  };

  const pushHelp = async () => {
    setHelp({ status: 'saving' });
    try {
      const next = await call('settings.pushHelpToCarrier', {});
      onSettings(next);
      setHelp({
        status: 'saved',
        text: 'Done: the carrier now answers HELP, even while the desk is closed.',
      });
    } catch (error) {
      setHelp({ status: 'failed', text: (error as Error).message });
    }
  };

  return (
    <div className="settings-stack">
      {carrier.mode === 'demo' ? (
        <Callout tone="warning" title="Demo carrier: no real texts are sent">
          <p>
            Texts go to the built-in simulator on this computer. Save your Telnyx credentials to text real
            phones.
          </p>
        </Callout>
      ) : (
        <Callout tone="neutral" title="Connected to Telnyx">
          <p>
            Texts go out from {displayPhone(carrier.sendingNumber)}
            {carrier.apiKeyLast4 ? ` with the API key ending in ${carrier.apiKeyLast4}` : ''}.
          </p>
        </Callout>
      )}
      {locked && (
        <p className="field-hint">
          This desk was started with a fixed carrier, so these settings cannot be changed here.
        </p>
      )}
      <form className="settings-form" noValidate onSubmit={onSubmit}>
        <fieldset disabled={locked} className="plain-fieldset">
          <legend className="visually-hidden">Telnyx credentials</legend>
          <div className="form-grid">
            <FormField
              label="Telnyx API key"
              error={errors.apiKey}
              hint={
                carrier.apiKeyLast4
                  ? `A key ending in ${carrier.apiKeyLast4} is saved; leave blank to keep it`
                  : 'Stored encrypted on this computer, never shown again'
              }
              className="field-wide"
            >
              <input
                type="password"
                value={apiKey}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setApiKey(e.target.value)}
              />
            </FormField>
            <FormField
              label="Messaging profile ID"
              error={errors.messagingProfileId}
              hint="From the Telnyx portal"
            >
              <input
                value={profile}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setProfile(e.target.value)}
              />
            </FormField>
            <FormField
              label="Sending number"
              error={errors.sendingNumber}
              hint="The business number texts come from"
            >
              <input
                type="tel"
                value={sendingNumber}
                autoComplete="off"
                onChange={(e) => setSendingNumber(e.target.value)}
              />
            </FormField>
          </div>
          <div className="settings-actions">
            <SaveLine state={save} />
            {carrier.mode === 'telnyx' && (
              <Button onClick={() => void forget()} disabled={save.status === 'saving'}>
                Forget credentials
              </Button>
            )}
            <Button type="submit" variant="primary" disabled={save.status === 'saving'}>
              Save credentials
            </Button>
          </div>
        </fieldset>
      </form>

      <div className="settings-row">
        <div>
          <p className="settings-row-title">Is the carrier answering?</p>
          <p
            role="status"
            className={
              check && check !== 'checking' ? (check.ok ? 'check-ok' : 'check-failed') : 'field-hint'
            }
          >
            {check === null
              ? 'Checks the key and the messaging profile with the carrier.'
              : check === 'checking'
                ? 'Checking…'
                : check.message}
          </p>
        </div>
        <Button onClick={() => void test()} disabled={check === 'checking'}>
          Test connection
        </Button>
      </div>

      <div className="settings-row">
        <div>
          <p className="settings-row-title">HELP answered by the carrier</p>
          <p className="field-hint">
            {settings.helpAnsweredByCarrier
              ? 'The carrier answers HELP with the current help reply, even while the desk is closed.'
              : 'The desk answers HELP while it is running. Push the answer to the carrier to cover closed hours too.'}
          </p>
          <SaveLine state={help} />
        </div>
        <Button onClick={() => void pushHelp()} disabled={help.status === 'saving'}>
          Push HELP answer to carrier
        </Button>
      </div>
    </div>
  );
}
