import { useMemo, useState, type FormEvent } from 'react';
import type { DeskSettings } from '../../../../shared/api/settings';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { FormField } from '../../components/FormField';
import { useDeskStore } from '../../stores/desk-store';
import { errorsFrom, type FieldErrors } from './field-errors';
import { SaveLine, type SaveState } from './SaveLine';

type BusinessFields = Pick<
  DeskSettings,
  | 'businessName'
  | 'businessEmail'
  | 'businessPhone'
  | 'timeZone'
  | 'sendingHoursStart'
  | 'sendingHoursEnd'
  | 'heldManualExpiryHours'
>;

function pick(settings: DeskSettings): BusinessFields {
  return {
    businessName: settings.businessName,
    businessEmail: settings.businessEmail,
    businessPhone: settings.businessPhone,
    timeZone: settings.timeZone,
    sendingHoursStart: settings.sendingHoursStart,
    sendingHoursEnd: settings.sendingHoursEnd,
    heldManualExpiryHours: settings.heldManualExpiryHours,
  };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The business's details (they go into the HELP answer and the opt-in texts), time zone and sending hours. */
export function BusinessSettings({
  settings,
  onSaved,
}: {
  settings: DeskSettings;
  onSaved(next: DeskSettings): void;
}) {
  const [values, setValues] = useState<BusinessFields>(() => pick(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const zones = useMemo(() => timeZones(), []);
  const set = (patch: Partial<BusinessFields>) => {
    setValues((previous) => ({ ...previous, ...patch }));
    setErrors((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([field]) => !(field in patch))),
    );
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSave({ status: 'saving' });
    try {
      const next = await call('settings.update', values);
      setErrors({});
      setSave({ status: 'saved', text: 'Business details saved.' });
      onSaved(next);
      void useDeskStore.getState().refreshInfo();
    } catch (error) {
      const found = errorsFrom(error);
      setErrors(found.fields);
      setSave({ status: 'failed', text: found.form ?? 'Not saved: see the field marked in red.' });
    }
  };

  return (
    <form className="settings-form" noValidate onSubmit={onSubmit}>
      <div className="form-grid">
        <FormField
          label="Business name"
          error={errors.businessName}
          hint="In the opt-in request and every reply"
        >
          <input
            value={values.businessName}
            autoComplete="organization"
            onChange={(e) => set({ businessName: e.target.value })}
          />
        </FormField>
        <FormField label="Business email" error={errors.businessEmail} hint="In the HELP answer">
          <input
            type="email"
            value={values.businessEmail}
            autoComplete="off"
            onChange={(e) => set({ businessEmail: e.target.value })}
          />
        </FormField>
        <FormField label="Business phone" error={errors.businessPhone} hint="In the HELP answer">
          <input
            type="tel"
            value={values.businessPhone}
            autoComplete="off"
            onChange={(e) => set({ businessPhone: e.target.value })}
          />
        </FormField>
        <FormField label="Time zone" error={errors.timeZone} hint="Sending hours and reminders follow it">
          <input
            list="settings-time-zones"
            value={values.timeZone}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set({ timeZone: e.target.value })}
          />
        </FormField>
        <datalist id="settings-time-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <FormField label="Automated texts from" error={errors.sendingHoursStart} hint="Sending hours start">
          <input
            type="time"
            value={values.sendingHoursStart}
            onChange={(e) => set({ sendingHoursStart: e.target.value })}
          />
        </FormField>
        <FormField label="Automated texts until" error={errors.sendingHoursEnd} hint="Sending hours end">
          <input
            type="time"
            value={values.sendingHoursEnd}
            onChange={(e) => set({ sendingHoursEnd: e.target.value })}
          />
        </FormField>
        <FormField
          label="Held typed texts expire after (hours)"
          error={errors.heldManualExpiryHours}
          hint="A text waiting for an opt-in is dropped after this long"
        >
          <input
            type="number"
            min={1}
            max={720}
            value={Number.isNaN(values.heldManualExpiryHours) ? '' : values.heldManualExpiryHours}
            onChange={(e) => set({ heldManualExpiryHours: e.target.valueAsNumber })}
          />
        </FormField>
      </div>
      <div className="settings-actions">
        <SaveLine state={save} />
        <Button type="submit" variant="primary" disabled={save.status === 'saving'}>
          Save business details
        </Button>
      </div>
    </form>
  );
}
