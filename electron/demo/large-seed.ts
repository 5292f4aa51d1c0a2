/**
 * Fills a database with many realistic random clients (for `npm run seed:large` and the benchmark): names
 * with accents and apostrophes, one to three pets, one or two numbers, households sharing a number, and a mix
 * of consent states recorded in the ledger. Deterministic for a given seed, so two runs build the same data.
 */
import { appendConsentEvent } from '../consent/ledger';
import type { Db } from '../db/open';
import { countClients, insertClient } from '../clients/repository';
import { prepareClient, type ClientFields } from '../clients/validate';
import type { ConsentState } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { AREA_CODES, BREEDS, FIRST_NAMES, LAST_NAMES, PET_NAMES } from './names';

export interface LargeSeedOptions {
  clients: number;
  /** Seed for the random generator. */
  seed?: number;
  /** When the clients were added (ms since epoch). */
  now?: number;
  /** Called after each committed batch with the number of clients written so far. */
  onProgress?: (written: number) => void;
}

export interface LargeSeedResult {
  clients: number;
  numbers: number;
  consentEvents: number;
}

const BATCH = 5_000;
const HOUSEHOLD_SHARE = 0.05;
const SPECIES = Object.keys(BREEDS);

/** A small, fast, seedable generator (mulberry32): Math.random cannot be replayed. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ClientGenerator {
  private readonly usedNumbers: string[] = [];
  private readonly taken = new Set<string>();

  constructor(private readonly random: () => number) {}

  /** One client; about one in twenty shares its number with an earlier client, as a household would. */
  next(): ClientFields {
    const lastName = this.pick(LAST_NAMES);
    const phones: ClientFields['phones'] = [];
    const shares = this.usedNumbers.length > 0 && this.random() < HOUSEHOLD_SHARE;
    phones.push({
      label: 'mobile',
      number: shares ? this.pick(this.usedNumbers) : this.newNumber(),
      isTexting: true,
    });
    if (this.random() < 0.25)
      phones.push({ label: this.pick(['home', 'work']), number: this.newNumber(), isTexting: false });
    const petCount = this.random() < 0.7 ? 1 : this.random() < 0.8 ? 2 : 3;
    return {
      firstName: this.pick(FIRST_NAMES),
      lastName,
      email: '',
      notes: this.random() < 0.1 ? 'Prefers afternoon pick-up.' : '',
      pets: Array.from({ length: petCount }, () => {
        const species = this.random() < 0.65 ? 'Dog' : this.random() < 0.85 ? 'Cat' : this.pick(SPECIES);
        return { name: this.pick(PET_NAMES), species, breed: this.pick(BREEDS[species]!) };
      }),
      phones,
    };
  }

  /** A valid US number in E.164: a real area code, an exchange that is not N11, any line. */
  newNumber(): string {
    for (;;) {
      const exchange = 200 + Math.floor(this.random() * 800);
      if (exchange % 100 === 11) continue;
      const line = String(Math.floor(this.random() * 10_000)).padStart(4, '0');
      const e164 = `+1${this.pick(AREA_CODES)}${exchange}${line}`;
      if (this.taken.has(e164)) continue;
      this.taken.add(e164);
      this.usedNumbers.push(e164);
      return e164;
    }
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}

/** A realistic spread: most numbers never asked, many opted in, some pending, a few opted out. */
function consentFor(random: () => number): ConsentState {
  const roll = random();
  if (roll < 0.5) return 'unknown';
  if (roll < 0.8) return 'opted_in';
  if (roll < 0.92) return 'pending';
  return 'opted_out';
}

/** Writes `clients` random clients, in batches of one transaction each, through the same checks as the API. */
export function seedLargeDatabase(db: Db, options: LargeSeedOptions): LargeSeedResult {
  const existing = countClients(db);
  if (existing > 0) {
    // The same seed would write the same people again: refuse rather than make look-alike duplicates.
    throw new DeskError(
      'conflict',
      `This database already has ${existing.toLocaleString('en-US')} clients; the large seed fills an empty one.`,
    );
  }
  const random = randomSource(options.seed ?? 20_260_105);
  const generator = new ClientGenerator(random);
  const now = options.now ?? Date.now();
  const numbers = new Set<string>();
  let consentEvents = 0;
  let written = 0;
  const writeBatch = db.transaction((size: number) => {
    for (let i = 0; i < size; i++) {
      const prepared = prepareClient(generator.next());
      insertClient(db, prepared, now);
      for (const phone of prepared.phones) {
        if (numbers.has(phone.e164)) continue;
        numbers.add(phone.e164);
        const state = consentFor(random);
        if (state === 'unknown') continue;
        appendConsentEvent(db, {
          e164: phone.e164,
          to: state,
          source: 'import',
          reason: `Imported: ${state.replace('_', ' ')} in the previous system`,
          at: now,
        });
        consentEvents++;
      }
    }
  });
  while (written < options.clients) {
    const size = Math.min(BATCH, options.clients - written);
    writeBatch(size);
    written += size;
    options.onProgress?.(written);
  }
  return { clients: written, numbers: numbers.size, consentEvents };
}
