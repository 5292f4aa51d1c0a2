import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Client } from '../../../../shared/api/clients';
import { call, DeskError } from '../../api';
import { Button } from '../../components/Button';
import { useDeskStore } from '../../stores/desk-store';
import type { ClientFormRequest } from '../../stores/workspace-store';
import {
  MAX_PETS,
  MAX_PHONES,
  PHONE_LABELS,
  emptyValues,
  fieldDomId,
  formFieldKey,
  messageForField,
  newPetRow,
  newPhoneRow,
  validate,
  valuesFromClient,
  type ClientFormValues,
  type FieldErrors,
  type PetRow,
  type PhoneRow,
} from './form-model';

interface ClientFormProps {
  request: ClientFormRequest;
  onSaved(client: Client): void;
  onCancel(): void;
}

/** "New client" and "Edit": names, numbers, pets and notes; each problem is shown beside its field. */
export function ClientForm({ request, onSaved, onCancel }: ClientFormProps) {
  const [values, setValues] = useState<ClientFormValues>(() =>
    request.mode === 'edit' ? valuesFromClient(request.client) : emptyValues(),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Bumped on each failed attempt so focus moves to the first problem even when the problems are unchanged.
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (attempt === 0 || !formRef.current) return;
    const target = formRef.current.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]');
    target?.focus();
  }, [attempt]);

  const update = (patch: Partial<ClientFormValues>) => setValues((previous) => ({ ...previous, ...patch }));
  const clearError = (key: string) =>
    setErrors((previous) =>
      key in previous
        ? Object.fromEntries(Object.entries(previous).filter(([name]) => name !== key))
        : previous,
    );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const checked = validate(values);
    if (Object.keys(checked.errors).length > 0 || checked.formErrors.length > 0) {
      setErrors(checked.errors);
      setFormError(checked.formErrors[0] ?? null);
      setAttempt((n) => n + 1);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const client =
        request.mode === 'edit'
          ? await call('clients.update', { ...checked.built.input, clientId: request.client.id })
          : await call('clients.create', checked.built.input);
      useDeskStore.getState().markChanged();
      onSaved(client);
    } catch (error) {
      const key =
        error instanceof DeskError && error.field !== undefined
          ? formFieldKey(error.field, checked.built)
          : null;
      if (key !== null && error instanceof DeskError && error.field !== undefined) {
        setErrors({ [key]: messageForField(error.message, error.field) });
      } else {
        setErrors({});
        setFormError((error as Error).message);
      }
      setSaving(false);
      setAttempt((n) => n + 1);
    }
  };

  const setPet = (key: string, patch: Partial<PetRow>) =>
    update({ pets: values.pets.map((pet) => (pet.key === key ? { ...pet, ...patch } : pet)) });
  const setPhone = (key: string, patch: Partial<PhoneRow>) =>
    update({ phones: values.phones.map((phone) => (phone.key === key ? { ...phone, ...patch } : phone)) });
  const chooseTexting = (key: string) =>
    update({ phones: values.phones.map((phone) => ({ ...phone, isTexting: phone.key === key })) });
  const removePhone = (key: string) => {
    const phones = values.phones.filter((phone) => phone.key !== key);
    // Removing the texting number moves texts to the first that is left.
    if (phones.length > 0 && !phones.some((phone) => phone.isTexting))
      phones[0] = { ...phones[0]!, isTexting: true };
    update({ phones });
  };

  const field = (key: string) => ({
    id: fieldDomId(key),
    'aria-invalid': key in errors ? true : undefined,
    'aria-describedby': key in errors ? `${fieldDomId(key)}-error` : undefined,
  });

  return (
    <form ref={formRef} className="client-form" noValidate onSubmit={onSubmit}>
      {formError && (
        <p className="form-error" role="alert" tabIndex={-1} data-form-error>
          {formError}
        </p>
      )}

      <div className="form-grid">
        <Field label="First name" fieldKey="firstName" errors={errors} required>
          <input
            {...field('firstName')}
            data-autofocus
            autoComplete="off"
            value={values.firstName}
            onChange={(event) => {
              update({ firstName: event.target.value });
              clearError('firstName');
            }}
            aria-required="true"
          />
        </Field>
        <Field label="Last name" fieldKey="lastName" errors={errors}>
          <input
            {...field('lastName')}
            autoComplete="off"
            value={values.lastName}
            onChange={(event) => {
              update({ lastName: event.target.value });
              clearError('lastName');
            }}
          />
        </Field>
        <Field label="Email" fieldKey="email" errors={errors} wide>
          <input
            {...field('email')}
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(event) => {
              update({ email: event.target.value });
              clearError('email');
            }}
          />
        </Field>
      </div>

      <fieldset className="rows">
        <legend>Phone numbers</legend>
        {values.phones.length > 0 && (
          <div className="row-head row-phone" aria-hidden="true">
            <span>Label</span>
            <span>Number</span>
            <span>Texts go here</span>
          </div>
        )}
        {values.phones.map((phone, index) => {
          const n = index + 1;
          const numberKey = `phones.${phone.key}.number`;
          const labelKey = `phones.${phone.key}.label`;
          return (
            <div className="row row-phone" key={phone.key}>
              <select
                {...field(labelKey)}
                aria-label={`Phone ${n} label`}
                value={phone.label}
                onChange={(event) => setPhone(phone.key, { label: event.target.value })}
              >
                {[...new Set([...PHONE_LABELS, phone.label])].map((label) => (
                  <option key={label} value={label}>
                    {label}
                  </option>
                ))}
              </select>
              <input
                {...field(numberKey)}
                type="tel"
                aria-label={`Phone ${n} number`}
                placeholder="(212) 555-0147"
                autoComplete="off"
                value={phone.number}
                onChange={(event) => {
                  setPhone(phone.key, { number: event.target.value });
                  clearError(numberKey);
                }}
              />
              <span className="row-radio">
                <input
                  type="radio"
                  name="texting-number"
                  aria-label={`Texts go to phone ${n}`}
                  checked={phone.isTexting}
                  onChange={() => chooseTexting(phone.key)}
                />
              </span>
              <Button variant="quiet" aria-label={`Remove phone ${n}`} onClick={() => removePhone(phone.key)}>
                Remove
              </Button>
              <RowError fieldKey={numberKey} errors={errors} />
              <RowError fieldKey={labelKey} errors={errors} />
            </div>
          );
        })}
        <Button
          variant="quiet"
          className="add-row"
          disabled={values.phones.length >= MAX_PHONES}
          onClick={() => update({ phones: [...values.phones, newPhoneRow(values.phones.length === 0)] })}
        >
          + Add a phone number
        </Button>
      </fieldset>

      <fieldset className="rows">
        <legend>Pets</legend>
        {values.pets.length > 0 && (
          <div className="row-head row-pet" aria-hidden="true">
            <span>Name</span>
            <span>Species</span>
            <span>Breed</span>
          </div>
        )}
        {values.pets.map((pet, index) => {
          const n = index + 1;
          const keys = {
            name: `pets.${pet.key}.name`,
            species: `pets.${pet.key}.species`,
            breed: `pets.${pet.key}.breed`,
          };
          return (
            <div className="row row-pet" key={pet.key}>
              <input
                {...field(keys.name)}
                aria-label={`Pet ${n} name`}
                autoComplete="off"
                value={pet.name}
                onChange={(event) => {
                  setPet(pet.key, { name: event.target.value });
                  clearError(keys.name);
                }}
              />
              <input
                {...field(keys.species)}
                aria-label={`Pet ${n} species`}
                placeholder="Dog, cat…"
                autoComplete="off"
                value={pet.species}
                onChange={(event) => {
                  setPet(pet.key, { species: event.target.value });
                  clearError(keys.species);
                }}
              />
              <input
                {...field(keys.breed)}
                aria-label={`Pet ${n} breed`}
                autoComplete="off"
                value={pet.breed}
                onChange={(event) => {
                  setPet(pet.key, { breed: event.target.value });
                  clearError(keys.breed);
                }}
              />
              <Button
                variant="quiet"
                aria-label={`Remove pet ${n}`}
                onClick={() => update({ pets: values.pets.filter((other) => other.key !== pet.key) })}
              >
                Remove
              </Button>
              <RowError fieldKey={keys.name} errors={errors} />
              <RowError fieldKey={keys.species} errors={errors} />
              <RowError fieldKey={keys.breed} errors={errors} />
            </div>
          );
        })}
        <Button
          variant="quiet"
          className="add-row"
          disabled={values.pets.length >= MAX_PETS}
          onClick={() => update({ pets: [...values.pets, newPetRow()] })}
        >
          + Add a pet
        </Button>
      </fieldset>

      <Field label="Notes" fieldKey="notes" errors={errors} wide>
        <textarea
          {...field('notes')}
          rows={3}
          value={values.notes}
          onChange={(event) => {
            update({ notes: event.target.value });
            clearError('notes');
          }}
        />
      </Field>

      <div className="form-actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? 'Saving…' : request.mode === 'edit' ? 'Save changes' : 'Add client'}
        </Button>
      </div>
    </form>
  );
}

interface FieldProps {
  label: string;
  fieldKey: string;
  errors: FieldErrors;
  children: ReactNode;
  required?: boolean;
  wide?: boolean;
}

function Field({ label, fieldKey, errors, children, required, wide }: FieldProps) {
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={fieldDomId(fieldKey)}>
        {label}
        {required && <span className="required-note"> (required)</span>}
      </label>
      {children}
      {fieldKey in errors && (
        <p id={`${fieldDomId(fieldKey)}-error`} className="field-error">
          {errors[fieldKey]}
        </p>
      )}
    </div>
  );
}

function RowError({ fieldKey, errors }: { fieldKey: string; errors: FieldErrors }) {
  if (!(fieldKey in errors)) return null;
  return (
    <p id={`${fieldDomId(fieldKey)}-error`} className="field-error row-error">
      {errors[fieldKey]}
    </p>
  );
}
