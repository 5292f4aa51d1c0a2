import type { z } from 'zod';
import type { clientInput } from '../../shared/api/clients';
import { DeskError } from '../../shared/errors';
import { formatPhone, parsePhone } from '../../shared/phone';

/** A client as the API hands it over, after its zod schema applied defaults. */
export type ClientFields = z.output<typeof clientInput>;

export interface PreparedPet {
  id?: number;
  name: string;
  species: string;
  breed: string;
}

export interface PreparedPhone {
  id?: number;
  label: string;
  e164: string;
  isTexting: boolean;
}

/** A client ready to store: names trimmed, numbers in E.164, exactly one texting number (if any number). */
export interface PreparedClient {
  firstName: string;
  lastName: string;
  email: string;
  notes: string;
  pets: PreparedPet[];
  phones: PreparedPhone[];
}

const MOBILE_LABEL = /mobile|cell/i;
// Invisible characters alone (zero-width spaces, joiners) make a name that looks blank on the card.
const INVISIBLE = /[\s\p{Cf}]/gu;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Checks a client beyond what its schema can (numbers, duplicates, the texting number) and shapes it for the
 * database. Throws a DeskError naming the field on the first problem, before anything is written.
 */
export function prepareClient(fields: ClientFields): PreparedClient {
  const firstName = requiredName(fields.firstName, 'First name', 'firstName');
  const email = fields.email.trim();
  if (email !== '' && !EMAIL.test(email)) {
    throw new DeskError('invalid_input', `Email "${email}" is not an email address.`, 'email');
  }
  return {
    firstName,
    lastName: fields.lastName.trim(),
    email,
    // Notes are stored exactly as typed, spacing and all.
    notes: fields.notes,
    pets: fields.pets.map((pet, index) => ({
      ...(pet.id === undefined ? {} : { id: pet.id }),
      name: requiredName(pet.name, `Pet ${index + 1}'s name`, `pets.${index}.name`),
      species: pet.species.trim(),
      breed: pet.breed.trim(),
    })),
    phones: preparePhones(fields.phones),
  };
}

function requiredName(value: string, what: string, field: string): string {
  if (value.replace(INVISIBLE, '') === '')
    throw new DeskError('invalid_input', `${what} cannot be blank.`, field);
  return value.trim();
}

function preparePhones(phones: ClientFields['phones']): PreparedPhone[] {
  const seen = new Map<string, number>();
  const prepared = phones.map((phone, index): PreparedPhone => {
    const parsed = parsePhone(phone.number);
    if (!parsed.ok)
      throw new DeskError('invalid_input', `Phone ${index + 1}: ${parsed.reason}`, `phones.${index}.number`);
    const earlier = seen.get(parsed.e164);
    if (earlier !== undefined) {
      throw new DeskError(
        'invalid_input',
        `Phone ${index + 1}: ${formatPhone(parsed.e164)} is already listed as phone ${earlier + 1} for this client.`,
        `phones.${index}.number`,
      );
    }
    seen.set(parsed.e164, index);
    return {
      ...(phone.id === undefined ? {} : { id: phone.id }),
      label: phone.label.trim() || 'mobile',
      e164: parsed.e164,
      isTexting: phone.isTexting,
    };
  });

  const marked = prepared.flatMap((phone, index) => (phone.isTexting ? [index] : []));
  if (marked.length > 1) {
    throw new DeskError(
      'invalid_input',
      `Only one number can receive texts; phones ${marked[0]! + 1} and ${marked[1]! + 1} are both marked.`,
      `phones.${marked[1]}.isTexting`,
    );
  }
  if (marked.length === 0 && prepared.length > 0) {
    // Texts need a phone that can receive them: the first mobile, else the first number.
    const mobile = prepared.findIndex((phone) => MOBILE_LABEL.test(phone.label));
    prepared[mobile === -1 ? 0 : mobile]!.isTexting = true;
  }
  return prepared;
}
