import { z } from 'zod';
import type { ConsentState } from '../domain';
import { method } from './define';

const name = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .max(max, `${field} is longer than ${max} characters`)
    .refine((value) => value.trim().length > 0, `${field} cannot be blank`);

export const petInput = z.object({
  id: z.number().int().positive().optional(),
  name: name('Pet name', 80),
  species: z.string().max(40, 'Species is longer than 40 characters').default(''),
  breed: z.string().max(80, 'Breed is longer than 80 characters').default(''),
});

export const phoneInput = z.object({
  id: z.number().int().positive().optional(),
  label: z.string().max(30, 'Label is longer than 30 characters').default('mobile'),
  /** As typed; the core normalises it to E.164 (default region US) or refuses it with the reason. */
  number: z.string().max(40, 'Phone number is longer than 40 characters'),
  isTexting: z.boolean().default(false),
});

export const clientInput = z.object({
  firstName: name('First name', 80),
  lastName: z.string().max(80, 'Last name is longer than 80 characters').default(''),
  email: z.string().max(254, 'Email is longer than 254 characters').default(''),
  notes: z.string().max(10_000, 'Notes are longer than 10,000 characters').default(''),
  pets: z.array(petInput).max(50, 'A client can have at most 50 pets').default([]),
  phones: z.array(phoneInput).max(10, 'A client can have at most 10 phone numbers').default([]),
});

export type ClientInput = z.input<typeof clientInput>;

export interface Pet {
  id: number;
  name: string;
  species: string;
  breed: string;
}

export interface Phone {
  id: number;
  label: string;
  e164: string;
  /** As a person reads it, e.g. "(555) 123-4567". */
  display: string;
  isTexting: boolean;
  consent: ConsentState;
  /** Other clients sharing this number (a household): the consent is the number's, so they share it too. */
  sharedWith: { clientId: number; name: string }[];
}

export interface Client {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  notes: string;
  pets: Pet[];
  phones: Phone[];
  createdAt: number;
  updatedAt: number;
}

export interface ClientSearchResult {
  clientId: number;
  firstName: string;
  lastName: string;
  petNames: string[];
  /** The number texts go to, if the client has one. */
  textingNumber: { e164: string; display: string; consent: ConsentState } | null;
}

export const clientsApi = {
  'clients.search': method<ClientSearchResult[]>()(
    z.object({
      query: z.string().max(500, 'Search text is longer than 500 characters'),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  ),
  'clients.get': method<Client>()(z.object({ clientId: z.number().int().positive() })),
  'clients.create': method<Client>()(clientInput),
  'clients.update': method<Client>()(clientInput.extend({ clientId: z.number().int().positive() })),
};
