/**
 * The client form's state and its translation to the API's input: blank rows are dropped, one number is marked
 * for texts, and errors (ours or the desk's, named by a path such as `phones.0.number`) are mapped back to the
 * row the person typed in, even after blank rows were dropped.
 */
import { clientInput, type Client, type ClientInput } from '../../../../shared/api/clients';

export interface PetRow {
  key: string;
  id?: number;
  name: string;
  species: string;
  breed: string;
}

export interface PhoneRow {
  key: string;
  id?: number;
  label: string;
  number: string;
  isTexting: boolean;
}

export interface ClientFormValues {
  firstName: string;
  lastName: string;
  email: string;
  notes: string;
  pets: PetRow[];
  phones: PhoneRow[];
}

/** Messages by form field key: `firstName`, `pets.<rowKey>.name`, `phones.<rowKey>.number`… */
export type FieldErrors = Record<string, string>;

export const PHONE_LABELS = ['mobile', 'home', 'work', 'other'] as const;
export const MAX_PETS = 50;
export const MAX_PHONES = 10;

let nextKey = 1;
const rowKey = () => `r${nextKey++}`;

export function newPetRow(): PetRow {
  return { key: rowKey(), name: '', species: '', breed: '' };
}

export function newPhoneRow(isTexting: boolean): PhoneRow {
  return { key: rowKey(), label: 'mobile', number: '', isTexting };
}

export function emptyValues(): ClientFormValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    notes: '',
    pets: [newPetRow()],
    phones: [newPhoneRow(true)],
  };
}

export function valuesFromClient(client: Client): ClientFormValues {
  return {
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email,
    notes: client.notes,
    pets: client.pets.map((pet) => ({
      key: rowKey(),
      id: pet.id,
      name: pet.name,
      species: pet.species,
      breed: pet.breed,
    })),
    // The number as a person reads it; the desk normalises it again on save.
    phones: client.phones.map((phone) => ({
      key: rowKey(),
      id: phone.id,
      label: phone.label,
      number: phone.display,
      isTexting: phone.isTexting,
    })),
  };
}

export interface BuiltInput {
  input: ClientInput;
  /** Row key of each pet sent, by its index in `input.pets`. */
  petKeys: string[];
  phoneKeys: string[];
}

const isBlank = (text: string) => text.trim().length === 0;

export function buildInput(values: ClientFormValues): BuiltInput {
  const pets = values.pets.filter(
    (pet) => !(isBlank(pet.name) && isBlank(pet.species) && isBlank(pet.breed)),
  );
  const phones = values.phones.filter((phone) => !isBlank(phone.number));
  const textingIndex = Math.max(
    0,
    phones.findIndex((phone) => phone.isTexting),
  );
  return {
    input: {
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      email: values.email.trim(),
      notes: values.notes,
      pets: pets.map((pet) => ({
        ...(pet.id === undefined ? {} : { id: pet.id }),
        name: pet.name.trim(),
        species: pet.species.trim(),
        breed: pet.breed.trim(),
      })),
      phones: phones.map((phone, index) => ({
        ...(phone.id === undefined ? {} : { id: phone.id }),
        label: phone.label,
        number: phone.number.trim(),
        isTexting: index === textingIndex,
      })),
    },
    petKeys: pets.map((pet) => pet.key),
    phoneKeys: phones.map((phone) => phone.key),
  };
}

/** The form field an input path names (`phones.1.number` → `phones.<rowKey>.number`), or null for none. */
export function formFieldKey(path: string, built: BuiltInput): string | null {
  const parts = path.split('.');
  if (parts.length === 1) {
    return ['firstName', 'lastName', 'email', 'notes'].includes(path) ? path : null;
  }
  const [list, index, field] = parts;
  const keys = list === 'pets' ? built.petKeys : list === 'phones' ? built.phoneKeys : null;
  const key = keys?.[Number(index)];
  if (!key || !field) return null;
  return `${list}.${key}.${field}`;
}

/** Checks the form with the contract's own schema, reporting every problem at once, not just the first. */
export function validate(values: ClientFormValues): {
  built: BuiltInput;
  errors: FieldErrors;
  formErrors: string[];
} {
  const built = buildInput(values);
  const parsed = clientInput.safeParse(built.input);
  const errors: FieldErrors = {};
  const formErrors: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = formFieldKey(issue.path.map(String).join('.'), built);
      if (key === null) formErrors.push(issue.message);
      else errors[key] ??= issue.message;
    }
  }
  return { built, errors, formErrors };
}

/** The desk prefixes schema messages with the path (`firstName: …`); beside the field, the path is noise. */
export function messageForField(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

export function fieldDomId(key: string): string {
  return `client-form-${key.replace(/\./g, '-')}`;
}
