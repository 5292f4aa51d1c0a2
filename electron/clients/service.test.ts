import { beforeEach, describe, expect, it } from 'vitest';
import { appendConsentEvent } from '../consent/ledger';
import { clientFields, clientsHarness, type ClientsHarness } from './test-support';

let desk: ClientsHarness;

beforeEach(() => {
  desk = clientsHarness();
});

function count(table: 'clients' | 'pets' | 'phones'): number {
  return (desk.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function refusal(method: 'clients.create' | 'clients.update', input: unknown) {
  const result = await desk.call(method, input);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('creating a client', () => {
  it('stores the client with pets and numbers normalised to E.164', async () => {
    const client = await desk.ok('clients.create', {
      firstName: 'Emma',
      lastName: 'Johnson',
      email: 'emma@example.com',
      pets: [{ name: 'Bella', species: 'Dog', breed: 'Labrador Retriever' }],
      phones: [{ label: 'mobile', number: '(212) 555-0123' }],
    });
    expect(client).toMatchObject({
      firstName: 'Emma',
      lastName: 'Johnson',
      email: 'emma@example.com',
      pets: [{ name: 'Bella', species: 'Dog', breed: 'Labrador Retriever' }],
      phones: [
        {
          label: 'mobile',
          e164: '+12125550123',
          display: '(212) 555-0123',
          isTexting: true,
          consent: 'unknown',
          sharedWith: [],
        },
      ],
      createdAt: desk.clock.now(),
    });
    expect(await desk.ok('clients.get', { clientId: client.id })).toEqual(client);
    expect(desk.events).toContainEqual({ name: 'client.changed', payload: { clientId: client.id } });
  });

  it.each([
    `Robert'); DROP TABLE clients;--`,
    'Zoë "Zee" O\'Brien',
    '🐶 Dog Mom 👩‍👧',
    '山田 太郎',
    'Ñandú Þór Ødegård',
    'NEAR OR * - ( ) ^ : {names}',
    '%_\\ LIKE wildcards',
    'محمد',
  ])('stores the name %j exactly', async (name) => {
    const created = await desk.ok('clients.create', clientFields(name, { lastName: name, pets: [{ name }] }));
    const stored = await desk.ok('clients.get', { clientId: created.id });
    expect(stored.firstName).toBe(name);
    expect(stored.lastName).toBe(name);
    expect(stored.pets[0]!.name).toBe(name);
    expect(count('clients')).toBe(1);
  });

  it('stores a 10,000-character note exactly, and refuses a longer one', async () => {
    // Characters as people count them: an emoji is one, though it takes two UTF-16 units.
    const notes = [...'Señor Wiggles 🐾 "bites"\n'.repeat(500)].slice(0, 10_000).join('');
    expect([...notes]).toHaveLength(10_000);
    const client = await desk.ok('clients.create', clientFields('Ann', { notes }));
    expect((await desk.ok('clients.get', { clientId: client.id })).notes).toBe(notes);

    const error = await refusal('clients.create', clientFields('Ann', { notes: `${notes}x` }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'notes' });
    expect(error.message).toMatch(/10,000/);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['tabs and newlines', '\t\n '],
    ['no-break spaces', '\u00a0\u00a0'],
    ['zero-width characters', '\u200b\u200d'],
  ])('refuses a first name that is %s', async (_what, firstName) => {
    const error = await refusal('clients.create', clientFields(firstName));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'firstName' });
    expect(error.message).toMatch(/First name cannot be blank/);
    expect(count('clients')).toBe(0);
  });

  it('refuses a pet without a name, naming the pet', async () => {
    const error = await refusal(
      'clients.create',
      clientFields('Ann', { pets: [{ name: 'Rex' }, { name: '  ' }] }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', field: 'pets.1.name' });
    expect(count('clients')).toBe(0);
  });

  it('refuses a number that does not parse, says why, and saves nothing', async () => {
    const error = await refusal(
      'clients.create',
      clientFields('Ann', {
        pets: [{ name: 'Rex' }],
        phones: [{ number: '(212) 555-0123' }, { number: '(555) 123-4567' }],
      }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('phones.1.number');
    expect(error.message).toMatch(/^Phone 2: "\(555\) 123-4567" is not a US number in use/);
    expect([count('clients'), count('pets'), count('phones')]).toEqual([0, 0, 0]);
  });

  it('refuses the same number twice on one client, however it was typed', async () => {
    const error = await refusal(
      'clients.create',
      clientFields('Ann', {
        phones: [{ number: '212-555-0123' }, { number: '+1 (212) 555 0123', label: 'home' }],
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', field: 'phones.1.number' });
    expect(error.message).toMatch(/\(212\) 555-0123 is already listed as phone 1/);
    expect(count('clients')).toBe(0);
  });

  it('refuses an email that is not one', async () => {
    const error = await refusal('clients.create', clientFields('Ann', { email: 'ann at example' }));
    expect(error).toMatchObject({ code: 'invalid_input', field: 'email' });
  });

  it('refuses input of the wrong shape with a message instead of crashing', async () => {
    for (const input of [
      null,
      'Ann',
      { firstName: 42 },
      { firstName: 'Ann', phones: 'x' },
      { firstName: 'Ann', pets: [{}] },
    ]) {
      const result = await desk.call('clients.create', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
  });
});

describe('the texting number', () => {
  it('is the first mobile when none is marked', async () => {
    const client = await desk.ok(
      'clients.create',
      clientFields('Ann', {
        phones: [
          { label: 'home', number: '212-555-0101' },
          { label: 'Mobile', number: '212-555-0102' },
          { label: 'mobile', number: '212-555-0103' },
        ],
      }),
    );
    expect(client.phones.map((phone) => phone.isTexting)).toEqual([false, true, false]);
  });

  it('is the first number when none is marked and none is a mobile', async () => {
    const client = await desk.ok(
      'clients.create',
      clientFields('Ann', {
        phones: [
          { label: 'home', number: '212-555-0101' },
          { label: 'work', number: '212-555-0102' },
        ],
      }),
    );
    expect(client.phones.map((phone) => phone.isTexting)).toEqual([true, false]);
  });

  it('is the one marked', async () => {
    const client = await desk.ok(
      'clients.create',
      clientFields('Ann', {
        phones: [{ number: '212-555-0101' }, { label: 'home', number: '212-555-0102', isTexting: true }],
      }),
    );
    expect(client.phones.map((phone) => phone.isTexting)).toEqual([false, true]);
  });

  it('is only ever one: two marked are refused', async () => {
    const error = await refusal(
      'clients.create',
      clientFields('Ann', {
        phones: [
          { number: '212-555-0101', isTexting: true },
          { number: '212-555-0102', isTexting: true },
        ],
      }),
    );
    expect(error).toMatchObject({ code: 'invalid_input', field: 'phones.1.isTexting' });
  });
});

describe('households sharing a number', () => {
  it('lets two clients share a number, shows each the other, and both the number’s consent', async () => {
    const sophia = await desk.ok(
      'clients.create',
      clientFields('Sophia', { lastName: 'Garcia', phones: [{ number: '(212) 555-0106' }] }),
    );
    desk.events.length = 0;
    const mateo = await desk.ok(
      'clients.create',
      clientFields('Mateo', { lastName: 'Garcia', phones: [{ number: '212.555.0106' }] }),
    );
    // Sophia's card now shows Mateo too, so it is told to refresh.
    expect(desk.events.map((event) => event.payload)).toEqual(
      expect.arrayContaining([{ clientId: mateo.id }, { clientId: sophia.id }]),
    );
    expect(mateo.phones[0]!.sharedWith).toEqual([{ clientId: sophia.id, name: 'Sophia Garcia' }]);
    expect((await desk.ok('clients.get', { clientId: sophia.id })).phones[0]!.sharedWith).toEqual([
      { clientId: mateo.id, name: 'Mateo Garcia' },
    ]);

    appendConsentEvent(desk.db, {
      e164: '+12125550106',
      to: 'opted_in',
      source: 'reply',
      reason: 'YES',
      at: 1,
    });
    for (const clientId of [sophia.id, mateo.id]) {
      expect((await desk.ok('clients.get', { clientId })).phones[0]!.consent).toBe('opted_in');
    }
  });
});

describe('editing a client', () => {
  it('replaces fields, keeps pets that stay (by id), adds new ones and removes the rest', async () => {
    const created = await desk.ok(
      'clients.create',
      clientFields('Ann', {
        pets: [{ name: 'Rex' }, { name: 'Tom', species: 'Cat' }],
        phones: [{ number: '212-555-0101' }],
      }),
    );
    const [rex] = created.pets;
    desk.clock.advance(60_000);
    const updated = await desk.ok('clients.update', {
      clientId: created.id,
      firstName: 'Anne',
      lastName: 'Lee',
      pets: [
        { id: rex!.id, name: 'Rex', species: 'Dog', breed: 'Boxer' },
        { name: 'Kiwi', species: 'Bird' },
      ],
      phones: [{ id: created.phones[0]!.id, number: '(212) 555-0101' }],
    });
    expect(updated).toMatchObject({
      id: created.id,
      firstName: 'Anne',
      lastName: 'Lee',
      createdAt: created.createdAt,
    });
    expect(updated.updatedAt).toBe(created.updatedAt + 60_000);
    expect(updated.pets).toEqual([
      { id: rex!.id, name: 'Rex', species: 'Dog', breed: 'Boxer' },
      { id: expect.any(Number), name: 'Kiwi', species: 'Bird', breed: '' },
    ]);
    expect(updated.phones[0]!.id).toBe(created.phones[0]!.id);
    expect(count('pets')).toBe(2);
  });

  it('lets two numbers swap places and moves the texting number', async () => {
    const created = await desk.ok(
      'clients.create',
      clientFields('Ann', {
        phones: [{ number: '212-555-0101' }, { label: 'home', number: '212-555-0102' }],
      }),
    );
    const [first, second] = created.phones;
    const updated = await desk.ok('clients.update', {
      clientId: created.id,
      firstName: 'Ann',
      phones: [
        { id: first!.id, label: 'mobile', number: '212-555-0102', isTexting: true },
        { id: second!.id, label: 'home', number: '212-555-0101' },
      ],
    });
    expect(updated.phones.map((phone) => [phone.id, phone.e164, phone.isTexting])).toEqual([
      [first!.id, '+12125550102', true],
      [second!.id, '+12125550101', false],
    ]);
  });

  it('saves nothing when any part is refused', async () => {
    const created = await desk.ok(
      'clients.create',
      clientFields('Ann', { pets: [{ name: 'Rex' }], phones: [{ number: '212-555-0101' }] }),
    );
    const other = await desk.ok('clients.create', clientFields('Bob', { pets: [{ name: 'Tom' }] }));
    const attempts = [
      { firstName: 'Changed', pets: [{ name: 'New pet' }], phones: [{ number: 'not a number' }] },
      // A pet id that belongs to someone else is only found after the client row was written: rolled back.
      { firstName: 'Changed', pets: [{ id: other.pets[0]!.id, name: 'Stolen' }], phones: [] },
      { firstName: 'Changed', phones: [{ id: 9_999, number: '212-555-0109' }] },
    ];
    for (const attempt of attempts) {
      const result = await desk.call('clients.update', { clientId: created.id, ...attempt });
      expect(result.ok).toBe(false);
      expect(await desk.ok('clients.get', { clientId: created.id })).toEqual(created);
    }
    expect(await desk.ok('clients.get', { clientId: other.id })).toEqual(other);
  });

  it('refuses to remove a pet that has appointments, saying why', async () => {
    const created = await desk.ok('clients.create', clientFields('Ann', { pets: [{ name: 'Rex' }] }));
    desk.db
      .prepare(
        `INSERT INTO appointments (client_id, pet_id, service, starts_at, ends_at, status, created_at, updated_at)
         VALUES (?, ?, 'Grooming', 1, 2, 'booked', 0, 0)`,
      )
      .run(created.id, created.pets[0]!.id);
    const error = await refusal('clients.update', { clientId: created.id, firstName: 'Ann', pets: [] });
    expect(error).toMatchObject({ code: 'conflict', field: 'pets' });
    expect(error.message).toMatch(/Rex has appointments/);
    expect(await desk.ok('clients.get', { clientId: created.id })).toEqual(created);
  });

  it('reports an unknown client as not found', async () => {
    const error = await refusal('clients.update', { clientId: 404, firstName: 'Ann' });
    expect(error).toMatchObject({ code: 'not_found' });
    const get = await desk.call('clients.get', { clientId: 404 });
    expect(get.ok || get.error.code).toBe('not_found');
  });
});
