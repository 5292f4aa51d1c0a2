import { useCallback, useId, useState, type ReactNode } from 'react';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { useDeskQuery } from '../../stores/useDeskQuery';
import { AppointmentDialog, type AppointmentDialogRequest } from './AppointmentDialog';
import { AppointmentItem } from './AppointmentItem';
import { groupByDay, dayAndTime } from './appointment-words';
import { AutomationRulesSection } from './AutomationRulesForm';
import './appointments.css';

/** Today's and upcoming appointments with the state of each one's texts, booking, and the automation rules. */
export function AppointmentsScreen() {
  const load = useCallback(() => call('appointments.list', {}), []);
  const list = useDeskQuery('appointments', load);
  const [dialog, setDialog] = useState<AppointmentDialogRequest | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const headingId = useId();
  const listHeadingId = useId();
  const timeZone = list.value?.timeZone ?? 'America/New_York';
  const now = list.value?.now ?? 0;
  const groups = list.value ? groupByDay(list.value.appointments, now, timeZone) : [];

  return (
    <div className="appointments-screen" aria-labelledby={headingId} role="region">
      <header className="screen-header">
        <h2 id={headingId}>Appointments</h2>
        <Button variant="primary" onClick={() => setDialog({ mode: 'new', client: null })}>
          Book appointment
        </Button>
      </header>
      <p className="screen-note" role="status">
        {note}
      </p>

      <section className="appointments-section" aria-labelledby={listHeadingId} aria-busy={list.loading}>
        <h3 id={listHeadingId}>Today and upcoming</h3>
        {list.error && <p role="alert">{list.error}</p>}
        {list.value && groups.length === 0 && (
          <p className="empty-note">No appointments from today on. Book one with “Book appointment”.</p>
        )}
        {groups.map((group) => (
          <DayGroupList key={group.key} heading={group.heading}>
            {group.appointments.map((appointment) => (
              <AppointmentItem
                key={appointment.id}
                appointment={appointment}
                timeZone={timeZone}
                now={now}
                onEdit={(chosen) => setDialog({ mode: 'edit', appointment: chosen })}
                onDone={setNote}
              />
            ))}
          </DayGroupList>
        ))}
      </section>

      <AutomationRulesSection />

      {dialog && (
        <AppointmentDialog
          request={dialog}
          timeZone={timeZone}
          onClose={() => setDialog(null)}
          onDone={(view, verb) => {
            setDialog(null);
            const confirmation = view.texts.find((text) => text.automation === 'confirmation');
            const texts =
              confirmation && confirmation.state !== 'not_sent' && confirmation.state !== 'off'
                ? ` Confirmation: ${confirmation.state === 'held' ? `held (${confirmation.reason ?? 'waiting'})` : confirmation.state}.`
                : '';
            setNote(
              `${verb}: ${[view.clientName, view.petName].filter(Boolean).join(' · ')}, ${view.service}, ${dayAndTime(view.startsAt, timeZone)}.${texts}`,
            );
          }}
        />
      )}
    </div>
  );
}

function DayGroupList({ heading, children }: { heading: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="appointment-day">
      <h4 id={id} className="appointment-day-heading">
        {heading}
      </h4>
      <ul className="appointment-list" aria-labelledby={id}>
        {children}
      </ul>
    </div>
  );
}
