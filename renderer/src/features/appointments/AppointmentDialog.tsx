import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SERVICE_SUGGESTIONS, type AppointmentView } from '../../../../shared/api/appointments';
import type { Pet } from '../../../../shared/api/clients';
import { call, DeskError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useDeskStore } from '../../stores/desk-store';
import { addMinutesToLocal } from './appointment-words';
import { ClientPicker, type PickedClient } from './ClientPicker';

export type AppointmentDialogRequest =
  { mode: 'new'; client: PickedClient | null } | { mode: 'edit'; appointment: AppointmentView };

interface Values {
  client: PickedClient | null;
  petId: string;
  service: string;
  startsAt: string;
  endsAt: string;
}

type Field = 'clientId' | 'petId' | 'service' | 'startsAt' | 'endsAt';
type Errors = Partial<Record<Field, string>>;

const FIELDS: Field[] = ['clientId', 'petId', 'service', 'startsAt', 'endsAt'];

function initialValues(request: AppointmentDialogRequest): Values {
  if (request.mode === 'new') {
    return { client: request.client, petId: '', service: '', startsAt: '', endsAt: '' };
  }
  const { appointment } = request;
  return {
    client: { id: appointment.clientId, name: appointment.clientName },
    petId: appointment.petId === null ? '' : String(appointment.petId),
    service: appointment.service,
    startsAt: appointment.startsAtLocal,
    endsAt: appointment.endsAtLocal,
  };
}

function checkInPage(values: Values): Errors {
  const errors: Errors = {};
  if (!values.client) errors.clientId = 'Choose the client';
  if (!values.petId) errors.petId = 'Choose the pet';
  if (!values.service.trim()) errors.service = 'Say which service';
  if (!values.startsAt) errors.startsAt = 'Give the start date and time';
  if (!values.endsAt) errors.endsAt = 'Give the end date and time';
  else if (values.startsAt && values.endsAt <= values.startsAt)
    errors.endsAt = 'The end must be after the start';
  return errors;
}

/** Book an appointment, or change one: client, pet, service, start and end (in the business's time zone). */
export function AppointmentDialog({
  request,
  timeZone,
  onDone,
  onClose,
}: {
  request: AppointmentDialogRequest;
  timeZone: string;
  onDone(view: AppointmentView, verb: 'Booked' | 'Saved'): void;
  onClose(): void;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(request));
  const [pets, setPets] = useState<{ clientId: number; pets: Pet[] } | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const fieldId = (field: Field) => `${id}-${field}`;
  const errorId = (field: Field) => `${id}-${field}-error`;
  const clientId = values.client?.id ?? null;

  useEffect(() => {
    if (clientId === null) return;
    let current = true;
    call('clients.get', { clientId }).then(
      (client) => {
        if (!current) return;
        setPets({ clientId, pets: client.pets });
        // One pet: nothing to choose.
        if (client.pets.length === 1) {
          setValues((previous) =>
            previous.petId ? previous : { ...previous, petId: String(client.pets[0]!.id) },
          );
        }
      },
      (error: unknown) => {
        if (current) setFormError((error as Error).message);
      },
    );
    return () => {
      current = false;
    };
  }, [clientId]);

  useEffect(() => {
    if (attempt === 0 || !formRef.current) return;
    formRef.current.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
  }, [attempt]);

  const update = (patch: Partial<Values>, field: Field) => {
    setValues((previous) => ({ ...previous, ...patch }));
    setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([key]) => key !== field)));
  };

  const onStart = (startsAt: string) => {
    const patch: Partial<Values> = { startsAt };
    // A new start with no end yet, or an end now before it: suggest an hour, which staff can change.
    if (startsAt && (!values.endsAt || values.endsAt <= startsAt))
      patch.endsAt = addMinutesToLocal(startsAt, 60);
    update(patch, 'startsAt');
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = checkInPage(values);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      let view: AppointmentView;
      if (request.mode === 'new') {
        view = await call('appointments.create', {
          clientId: values.client!.id,
          petId: Number(values.petId),
          service: values.service,
          startsAt: values.startsAt,
          endsAt: values.endsAt,
        });
      } else {
        const before = request.appointment;
        // Only what changed: an unchanged start must not count as a move (it would replace the texts).
        view = await call('appointments.update', {
          appointmentId: before.id,
          ...(Number(values.petId) !== before.petId ? { petId: Number(values.petId) } : {}),
          ...(values.service !== before.service ? { service: values.service } : {}),
          ...(values.startsAt !== before.startsAtLocal ? { startsAt: values.startsAt } : {}),
          ...(values.endsAt !== before.endsAtLocal ? { endsAt: values.endsAt } : {}),
        });
      }
      useDeskStore.getState().markChanged();
      onDone(view, request.mode === 'new' ? 'Booked' : 'Saved');
    } catch (error) {
      const field =
        error instanceof DeskError && FIELDS.includes(error.field as Field) ? (error.field as Field) : null;
      if (field) setErrors({ [field]: (error as Error).message });
      else setFormError((error as Error).message);
      setAttempt((n) => n + 1);
    } finally {
      setSaving(false);
    }
  };

  const describe = (field: Field) =>
    errors[field]
      ? { 'aria-invalid': 'true' as const, 'aria-describedby': errorId(field) }
      : { 'aria-invalid': undefined, 'aria-describedby': undefined };
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={errorId(field)}>
        {errors[field]}
      </p>
    ) : null;
  const petChoices = pets !== null && pets.clientId === clientId ? pets.pets : [];
  const title = request.mode === 'new' ? 'Book appointment' : 'Change appointment';
  const checkedIn = request.mode === 'edit' && request.appointment.status === 'checked_in';

  return (
    <Dialog title={title} onClose={onClose} className="appointment-dialog">
      <form ref={formRef} className="client-form" onSubmit={onSubmit} noValidate>
        {formError && (
          <p className="form-error" role="alert" tabIndex={-1} data-form-error>
            {formError}
          </p>
        )}
        <fieldset className="rows">
          <legend>Client</legend>
          {request.mode === 'new' ? (
            <ClientPicker
              value={values.client}
              onChange={(client) => update({ client, petId: '' }, 'clientId')}
              error={errors.clientId}
              inputId={fieldId('clientId')}
            />
          ) : (
            <p className="picked-client-name">{values.client?.name}</p>
          )}
        </fieldset>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={fieldId('petId')}>Pet</label>
            <select
              id={fieldId('petId')}
              value={values.petId}
              disabled={clientId === null || checkedIn}
              onChange={(event) => update({ petId: event.target.value }, 'petId')}
              {...describe('petId')}
            >
              <option value="">{clientId === null ? 'Choose the client first' : 'Choose a pet'}</option>
              {petChoices.map((pet) => (
                <option key={pet.id} value={pet.id}>
                  {pet.name}
                </option>
              ))}
            </select>
            {fieldError('petId')}
          </div>
          <div className="field">
            <label htmlFor={fieldId('service')}>Service</label>
            <input
              id={fieldId('service')}
              list={`${id}-services`}
              value={values.service}
              maxLength={80}
              onChange={(event) => update({ service: event.target.value }, 'service')}
              {...describe('service')}
            />
            <datalist id={`${id}-services`}>
              {SERVICE_SUGGESTIONS.map((service) => (
                <option key={service} value={service} />
              ))}
            </datalist>
            {fieldError('service')}
          </div>
          <div className="field">
            <label htmlFor={fieldId('startsAt')}>Start</label>
            <input
              id={fieldId('startsAt')}
              type="datetime-local"
              value={values.startsAt}
              disabled={checkedIn}
              onChange={(event) => onStart(event.target.value)}
              {...describe('startsAt')}
            />
            {fieldError('startsAt')}
          </div>
          <div className="field">
            <label htmlFor={fieldId('endsAt')}>End</label>
            <input
              id={fieldId('endsAt')}
              type="datetime-local"
              value={values.endsAt}
              onChange={(event) => update({ endsAt: event.target.value }, 'endsAt')}
              {...describe('endsAt')}
            />
            {fieldError('endsAt')}
          </div>
        </div>
        <p className="result-meta">
          Times are in the business&rsquo;s time zone ({timeZone}).
          {request.mode === 'edit' &&
            ' A new start, pet or service replaces the texts not yet sent with ones that say the new details.'}
        </p>
        <div className="form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {request.mode === 'new' ? 'Book' : 'Save changes'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
