import { useState, type FormEvent } from 'react';
import type { DeskSettings } from '../../../../shared/api/settings';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { useDeskStore } from '../../stores/desk-store';
import { errorsFrom } from './field-errors';
import { SaveLine, type SaveState } from './SaveLine';

let nextKey = 1;
const row = (name: string) => ({ key: nextKey++, name });

/** The people who work this desk: chosen in the top bar, recorded in the ledger whenever a person acts. */
export function StaffSettings({
  settings,
  onSaved,
}: {
  settings: DeskSettings;
  onSaved(next: DeskSettings): void;
}) {
  const [rows, setRows] = useState(() => settings.staffNames.map(row));
  const [save, setSave] = useState<SaveState>({ status: 'idle' });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const staffNames = rows.map((r) => r.name.trim()).filter((name) => name.length > 0);
    setSave({ status: 'saving' });
    try {
      const next = await call('settings.update', { staffNames });
      setRows(next.staffNames.map(row));
      setSave({ status: 'saved', text: 'Staff names saved.' });
      onSaved(next);
      void useDeskStore.getState().refreshInfo();
    } catch (error) {
      const found = errorsFrom(error);
      setSave({ status: 'failed', text: found.fields.staffNames ?? found.form ?? 'Not saved.' });
    }
  };

  return (
    <form className="settings-form" noValidate onSubmit={onSubmit}>
      <ul className="staff-rows">
        {rows.map((r, index) => (
          <li key={r.key} className="staff-row">
            <input
              aria-label={`Staff name ${index + 1}`}
              value={r.name}
              maxLength={60}
              autoComplete="off"
              onChange={(event) =>
                setRows((previous) =>
                  previous.map((other) =>
                    other.key === r.key ? { ...other, name: event.target.value } : other,
                  ),
                )
              }
            />
            <Button
              variant="quiet"
              small
              aria-label={`Remove staff name ${index + 1}`}
              disabled={rows.length <= 1}
              onClick={() => setRows((previous) => previous.filter((other) => other.key !== r.key))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <Button
        variant="quiet"
        small
        onClick={() => setRows((previous) => [...previous, row('')])}
        disabled={rows.length >= 50}
      >
        + Add a staff name
      </Button>
      <div className="settings-actions">
        <SaveLine state={save} />
        <Button type="submit" variant="primary" disabled={save.status === 'saving'}>
          Save staff names
        </Button>
      </div>
    </form>
  );
}
