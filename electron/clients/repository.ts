/** The SQL behind clients, their pets and phones. Call the writers inside the caller's transaction. */
import type { Client, Pet, Phone } from '../../shared/api/clients';
import type { ConsentState } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { formatPhone } from '../../shared/phone';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { PreparedClient, PreparedPet, PreparedPhone } from './validate';

interface ClientRow {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  notes: string;
  created_at: number;
  updated_at: number;
}

export function insertClient(db: Db, client: PreparedClient, now: number): number {
  const result = statement(
    db,
    `INSERT INTO clients (first_name, last_name, email, notes, created_at, updated_at)
     VALUES (@firstName, @lastName, @email, @notes, @now, @now)`,
  ).run({
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email,
    notes: client.notes,
    now,
  });
  const clientId = Number(result.lastInsertRowid);
  client.pets.forEach((pet, position) => insertPet(db, clientId, pet, position));
  client.phones.forEach((phone, position) => insertPhone(db, clientId, phone, position));
  return clientId;
}

/** Replaces a client's fields, pets and phones with `client`; pets and phones keep their ids where given. */
export function updateClient(db: Db, clientId: number, client: PreparedClient, now: number): void {
  statement(
    db,
    `UPDATE clients SET first_name = @firstName, last_name = @lastName, email = @email, notes = @notes,
       updated_at = @now WHERE id = @clientId`,
  ).run({
    clientId,
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email,
    notes: client.notes,
    now,
  });
  updatePets(db, clientId, client.pets);
  replacePhones(db, clientId, client.phones);
}

export function clientExists(db: Db, clientId: number): boolean {
  return statement(db, 'SELECT 1 FROM clients WHERE id = ?').get(clientId) !== undefined;
}

export function countClients(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM clients').get() as { n: number }).n;
}

/** The numbers a client has now, for finding the households a change touches. */
export function numbersOf(db: Db, clientId: number): string[] {
  return (
    statement(db, 'SELECT e164 FROM phones WHERE client_id = ?').all(clientId) as { e164: string }[]
  ).map((row) => row.e164);
}

/** Clients other than `clientId` that have any of these numbers. */
export function clientsSharing(db: Db, numbers: string[], clientId: number): number[] {
  if (numbers.length === 0) return [];
  const rows = statement(
    db,
    `SELECT DISTINCT client_id FROM phones
     WHERE e164 IN (SELECT value FROM json_each(@numbers)) AND client_id != @clientId`,
  ).all({ numbers: JSON.stringify(numbers), clientId }) as { client_id: number }[];
  return rows.map((row) => row.client_id);
}

export function loadClient(db: Db, clientId: number): Client | undefined {
  const row = statement(
    db,
    'SELECT id, first_name, last_name, email, notes, created_at, updated_at FROM clients WHERE id = ?',
  ).get(clientId) as ClientRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    notes: row.notes,
    pets: loadPets(db, clientId),
    phones: loadPhones(db, clientId),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function loadPets(db: Db, clientId: number): Pet[] {
  return statement(
    db,
    'SELECT id, name, species, breed FROM pets WHERE client_id = ? ORDER BY position, id',
  ).all(clientId) as Pet[];
}

function loadPhones(db: Db, clientId: number): Phone[] {
  const phones = statement(
    db,
    `SELECT p.id, p.label, p.e164, p.is_texting, coalesce(c.state, 'unknown') AS consent
     FROM phones p LEFT JOIN consents c ON c.e164 = p.e164
     WHERE p.client_id = ? ORDER BY p.position, p.id`,
  ).all(clientId) as { id: number; label: string; e164: string; is_texting: number; consent: ConsentState }[];
  const household = statement(
    db,
    `SELECT p.e164, c.id, c.first_name, c.last_name
     FROM phones p JOIN clients c ON c.id = p.client_id
     WHERE p.e164 IN (SELECT e164 FROM phones WHERE client_id = @clientId) AND p.client_id != @clientId
     ORDER BY c.last_name, c.first_name, c.id`,
  ).all({ clientId }) as { e164: string; id: number; first_name: string; last_name: string }[];
  return phones.map((phone) => ({
    id: phone.id,
    label: phone.label,
    e164: phone.e164,
    display: formatPhone(phone.e164),
    isTexting: phone.is_texting === 1,
    consent: phone.consent,
    sharedWith: household
      .filter((other) => other.e164 === phone.e164)
      .map((other) => ({ clientId: other.id, name: `${other.first_name} ${other.last_name}`.trim() })),
  }));
}

function insertPet(db: Db, clientId: number, pet: PreparedPet, position: number): void {
  statement(
    db,
    `INSERT INTO pets (client_id, name, species, breed, position)
     VALUES (@clientId, @name, @species, @breed, @position)`,
  ).run({ clientId, name: pet.name, species: pet.species, breed: pet.breed, position });
}

function insertPhone(db: Db, clientId: number, phone: PreparedPhone, position: number): void {
  statement(
    db,
    `INSERT INTO phones (id, client_id, label, e164, is_texting, position)
     VALUES (@id, @clientId, @label, @e164, @isTexting, @position)`,
  ).run({
    id: phone.id ?? null,
    clientId,
    label: phone.label,
    e164: phone.e164,
    isTexting: phone.isTexting ? 1 : 0,
    position,
  });
}

/** Pets keep their rows (appointments point at them): update the listed, add the new, remove the rest. */
function updatePets(db: Db, clientId: number, pets: PreparedPet[]): void {
  const existing = statement(db, 'SELECT id, name FROM pets WHERE client_id = ?').all(clientId) as {
    id: number;
    name: string;
  }[];
  const existingIds = new Set(existing.map((pet) => pet.id));
  checkOwnIds(pets, existingIds, 'pets', 'pet');
  const kept = new Set(pets.flatMap((pet) => (pet.id === undefined ? [] : [pet.id])));
  for (const pet of existing) {
    if (kept.has(pet.id)) continue;
    if (statement(db, 'SELECT 1 FROM appointments WHERE pet_id = ? LIMIT 1').get(pet.id) !== undefined) {
      throw new DeskError(
        'conflict',
        `${pet.name} has appointments, so it cannot be removed from this client.`,
        'pets',
      );
    }
    statement(db, 'DELETE FROM pets WHERE id = ?').run(pet.id);
  }
  pets.forEach((pet, position) => {
    if (pet.id === undefined) {
      insertPet(db, clientId, pet, position);
      return;
    }
    statement(
      db,
      'UPDATE pets SET name = @name, species = @species, breed = @breed, position = @position WHERE id = @id',
    ).run({ id: pet.id, name: pet.name, species: pet.species, breed: pet.breed, position });
  });
}

/**
 * Nothing points at a phone row (messages and consent go by number), so the list is rewritten whole, keeping
 * the ids it was given; that also lets two numbers swap places without tripping UNIQUE (client_id, e164).
 */
function replacePhones(db: Db, clientId: number, phones: PreparedPhone[]): void {
  const existing = statement(db, 'SELECT id FROM phones WHERE client_id = ?').all(clientId) as {
    id: number;
  }[];
  checkOwnIds(phones, new Set(existing.map((phone) => phone.id)), 'phones', 'phone');
  statement(db, 'DELETE FROM phones WHERE client_id = ?').run(clientId);
  phones.forEach((phone, position) => insertPhone(db, clientId, phone, position));
}

function checkOwnIds(items: { id?: number }[], own: Set<number>, field: string, what: string): void {
  const seen = new Set<number>();
  items.forEach((item, index) => {
    if (item.id === undefined) return;
    if (!own.has(item.id) || seen.has(item.id)) {
      throw new DeskError(
        'invalid_input',
        `${what === 'pet' ? 'Pet' : 'Phone'} ${index + 1} is not one of this client's ${what}s; reload the client and try again.`,
        `${field}.${index}.id`,
      );
    }
    seen.add(item.id);
  });
}
