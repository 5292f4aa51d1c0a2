import { useId, useState } from 'react';
import {
  APPOINTMENT_STATUS_LABELS,
  AUTOMATION_LABELS,
  type AppointmentText,
  type AppointmentView,
} from '../../../../shared/api/appointments';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { ConsentTag } from '../../components/ConsentTag';
import { Dialog } from '../../components/Dialog';
import { useDeskStore } from '../../stores/desk-store';
import { dayAndTime, dayKey, TEXT_STATE_WORDS, textDetail, timeOfDay } from './appointment-words';
import { OptInNote } from './OptInNote';

interface AppointmentItemProps {
  appointment: AppointmentView;
  timeZone: string;
  now: number;
  onEdit(appointment: AppointmentView): void;
  /** Something was done; the screen says so in its live region. */
  onDone(message: string): void;
}

/** One appointment: when, who, what, its status, the state of each of its texts, and what can be done next. */
export function AppointmentItem({ appointment, timeZone, now, onEdit, onDone }: AppointmentItemProps) {
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const who = [appointment.clientName, appointment.petName].filter(Boolean).join(' · ');
  const sameDay = dayKey(appointment.startsAt, timeZone) === dayKey(appointment.endsAt, timeZone);
  const when = sameDay
    ? `${timeOfDay(appointment.startsAt, timeZone)} – ${timeOfDay(appointment.endsAt, timeZone)}`
    : `${dayAndTime(appointment.startsAt, timeZone)} – ${dayAndTime(appointment.endsAt, timeZone)}`;

  const act = async (
    method: 'appointments.checkIn' | 'appointments.checkOut' | 'appointments.cancel',
    done: string,
  ) => {
    setBusy(true);
    setError(null);
    try {
      await call(method, { appointmentId: appointment.id });
      useDeskStore.getState().markChanged();
      onDone(`${done}: ${who}, ${appointment.service}.`);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const open = appointment.status === 'booked' || appointment.status === 'checked_in';
  const waitsForOptIn =
    appointment.texting !== null &&
    (appointment.texting.consent === 'unknown' || appointment.texting.consent === 'pending') &&
    appointment.texts.some((text) => text.state === 'held');

  return (
    <li className="appointment" data-appointment-id={appointment.id} data-status={appointment.status}>
      <article aria-labelledby={titleId} className="appointment-card">
        <div className="appointment-when">{when}</div>
        <div className="appointment-body">
          <h5 id={titleId} className="appointment-title">
            {who}
          </h5>
          <p className="appointment-meta">
            <span>{appointment.service}</span>
            <span className={`appointment-status status-${appointment.status}`}>
              {APPOINTMENT_STATUS_LABELS[appointment.status]}
            </span>
            {appointment.texting ? (
              <span className="appointment-number">
                Texts to {appointment.texting.display} <ConsentTag state={appointment.texting.consent} />
              </span>
            ) : (
              <span className="appointment-number">No number for texts</span>
            )}
          </p>
          <ul className="appointment-texts" aria-label="Automated texts">
            {appointment.texts.map((text) => (
              <TextLine key={text.automation} text={text} timeZone={timeZone} now={now} />
            ))}
          </ul>
          {waitsForOptIn && appointment.texting && (
            <OptInNote
              clientId={appointment.clientId}
              e164={appointment.texting.e164}
              timeZone={timeZone}
              onDone={onDone}
            />
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        {open && (
          <div className="appointment-actions">
            {appointment.status === 'booked' && (
              <Button disabled={busy} onClick={() => void act('appointments.checkIn', 'Checked in')}>
                Check in
              </Button>
            )}
            <Button disabled={busy} onClick={() => void act('appointments.checkOut', 'Checked out')}>
              Check out
            </Button>
            <Button variant="quiet" disabled={busy} onClick={() => onEdit(appointment)}>
              Change
            </Button>
            <Button variant="quiet" disabled={busy} onClick={() => setConfirmCancel(true)}>
              Cancel appointment
            </Button>
          </div>
        )}
      </article>
      {confirmCancel && (
        <Dialog title="Cancel this appointment?" onClose={() => setConfirmCancel(false)}>
          <div className="client-form">
            <p>
              {who}, {appointment.service}, {dayAndTime(appointment.startsAt, timeZone)}. Its texts not yet
              sent are cancelled, and no thank-you is sent.
            </p>
            <div className="form-actions">
              <Button onClick={() => setConfirmCancel(false)}>Keep it</Button>
              <Button
                variant="primary"
                onClick={() => {
                  setConfirmCancel(false);
                  void act('appointments.cancel', 'Cancelled');
                }}
              >
                Cancel appointment
              </Button>
            </div>
          </div>
        </Dialog>
      )}
    </li>
  );
}

function TextLine({ text, timeZone, now }: { text: AppointmentText; timeZone: string; now: number }) {
  const words = TEXT_STATE_WORDS[text.state];
  const detail = textDetail(text, timeZone, now);
  return (
    <li className="appointment-text" data-automation={text.automation} data-state={text.state}>
      <span className="appointment-text-kind">{AUTOMATION_LABELS[text.automation]}</span>
      <span className={`text-state tone-${words.tone}`}>{words.label}</span>
      {detail && <span className="appointment-text-detail">{detail}</span>}
      {text.earlier.length > 0 && (
        <span className="appointment-text-detail">
          ({text.earlier.length} earlier, for the details before a change)
        </span>
      )}
    </li>
  );
}
