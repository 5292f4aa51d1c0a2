/** The appointments API on the whole desk: real composition, fake carrier, fake clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock';
import { memoryLog } from '../core/log';
import { createDesk, type Desk } from '../desk';
import { FakeCarrier } from '../messaging/testing/fake-carrier';

const ANA = '+12125550161';
const DAY = 24 * 60 * 60 * 1000;
/** Monday 2026-01-05, 10:00 in New York. */
const START = Date.UTC(2026, 0, 5, 15, 0, 0);

let clock: FakeClock;
let carrier: FakeCarrier;
let dataDir: string;
let desk: Desk;

function open(): Desk {
  const opened = createDesk({
    dataDir,
    carrier,
    clock,
    log: memoryLog(),
    messaging: { outbox: { random: () => 0.5 }, sync: { random: () => 0.5 } },
  });
  opened.start();
  return opened;
}

beforeEach(() => {
  clock = new FakeClock(START);
  carrier = new FakeCarrier(clock);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-appointments-api-'));
  desk = open();
});

afterEach(async () => {
  await desk.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function newClient(pets = ['Rex', 'Bella']) {
  return desk.request('clients.create', {
    firstName: 'Ana',
    lastName: 'Lopez',
    pets: pets.map((name) => ({ name })),
    phones: [{ number: '(212) 555-0161', isTexting: true }],
  });
}

async function failure(method: string, input: unknown) {
  const result = await desk.call(method, input);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}

async function settle(): Promise<void> {
  await desk.loops.outbox.flush();
  await desk.loops.outbox.idle();
}

/** Moves the fake clock a second at a time (the outbox keeps to one text a second) until `done()` holds. */
async function driveUntil(done: () => boolean): Promise<void> {
  for (let step = 0; step < 120 && !done(); step++) {
    clock.advance(1_000);
    await settle();
  }
}

describe('booking through the API', () => {
  it('books with a local date-time and confirms at once', async () => {
    const client = await newClient();
    const booked = await desk.request('appointments.create', {
      clientId: client.id,
      petId: client.pets[0]!.id,
      service: 'Boarding',
      startsAt: '2026-01-08T09:30',
      endsAt: '2026-01-10T17:00',
    });
    expect(booked.startsAt).toBe(Date.parse('2026-01-08T14:30:00Z'));
    expect(booked.startsAtLocal).toBe('2026-01-08T09:30');
    expect(booked.texting).toMatchObject({ e164: ANA, consent: 'pending' });
    expect(booked.texts.map((text) => [text.automation, text.state])).toEqual([
      ['confirmation', 'held'],
      ['reminder', 'scheduled'],
      ['thank_you', 'scheduled'],
    ]);
    const list = await desk.request('appointments.list', {});
    expect(list.timeZone).toBe('America/New_York');
    expect(list.appointments.map((appointment) => appointment.id)).toEqual([booked.id]);
  });

  it('refuses bad bookings with the field and the reason', async () => {
    const client = await newClient();
    const other = await desk.request('clients.create', { firstName: 'Ben', pets: [{ name: 'Ziggy' }] });
    const base = {
      clientId: client.id,
      petId: client.pets[0]!.id,
      service: 'Grooming',
      startsAt: START + DAY,
      endsAt: START + DAY + 3_600_000,
    };
    expect(await failure('appointments.create', { ...base, endsAt: base.startsAt })).toMatchObject({
      field: 'endsAt',
      message: 'The end must be after the start.',
    });
    expect(await failure('appointments.create', { ...base, petId: other.pets[0]!.id })).toMatchObject({
      field: 'petId',
      message: "Ziggy is not this client's pet.",
    });
    expect(await failure('appointments.create', { ...base, clientId: 99_999 })).toMatchObject({
      code: 'not_found',
      field: 'clientId',
    });
    expect(await failure('appointments.create', { ...base, startsAt: '2026-02-30T09:00' })).toMatchObject({
      field: 'startsAt',
    });
    expect(await failure('appointments.create', { ...base, service: '   ' })).toMatchObject({
      field: 'service',
    });
    expect(await failure('appointments.create', { ...base, startsAt: { when: 'soon' } })).toMatchObject({
      code: 'invalid_input',
      field: 'startsAt',
    });
    expect(await failure('appointments.checkIn', { appointmentId: 12_345 })).toMatchObject({
      code: 'not_found',
    });
  });

  it('a YES releases both held confirmations, and they go out in the order they were written', async () => {
    const client = await newClient();
    const first = await desk.request('appointments.create', {
      clientId: client.id,
      petId: client.pets[0]!.id,
      service: 'Grooming',
      startsAt: START + 2 * DAY,
      endsAt: START + 2 * DAY + 3_600_000,
    });
    const second = await desk.request('appointments.create', {
      clientId: client.id,
      petId: client.pets[1]!.id,
      service: 'Daycare',
      startsAt: START + 4 * DAY,
      endsAt: START + 4 * DAY + 8 * 3_600_000,
    });
    await settle();
    expect(carrier.accepted.map((message) => message.text)).toEqual([
      expect.stringContaining('Reply YES to opt in'),
    ]);
    const held = await desk.request('held.list', {});
    expect(held.map((item) => [item.automation, item.reason])).toEqual([
      ['confirmation', 'Waiting for the client to opt in'],
      ['confirmation', 'Waiting for the client to opt in'],
    ]);

    clock.advance(5 * 60_000);
    carrier.injectInbound(ANA, 'YES');
    await desk.loops.sync.syncNow();
    const confirmations = () => carrier.accepted.filter((message) => message.text.includes('is booked for'));
    await driveUntil(() => confirmations().length === 2);
    expect(confirmations().map((message) => message.text)).toEqual([
      expect.stringContaining("Rex's Grooming is booked for Wed, Jan 7 at 10:00 AM"),
      expect.stringContaining("Bella's Daycare is booked for Fri, Jan 9 at 10:00 AM"),
    ]);
    const views = await desk.request('appointments.list', {});
    expect(views.appointments.map((view) => [view.id, view.texts[0]!.state])).toEqual([
      [first.id, 'sent'],
      [second.id, 'sent'],
    ]);
  });

  it('makes no text twice when the desk restarts', async () => {
    const client = await newClient(['Rex']);
    const booked = await desk.request('appointments.create', {
      clientId: client.id,
      petId: client.pets[0]!.id,
      service: 'Grooming',
      startsAt: START + 2 * DAY,
      endsAt: START + 2 * DAY + 3_600_000,
    });
    await settle();
    await desk.stop();
    clock.advance(DAY + 60_000); // closed across the reminder's due time
    desk = open();
    await desk.stop();
    desk = open();
    const rows = desk.context.db
      .prepare('SELECT automation FROM messages WHERE appointment_id = ? ORDER BY id')
      .all(booked.id) as { automation: string }[];
    expect(rows.map((row) => row.automation)).toEqual(['confirmation', 'reminder']);
  });
});

describe('automation rules through the API', () => {
  it('refuses a template that asks for an opt-out word, with the reason, and keeps the old one', async () => {
    const error = await failure('automation.saveRules', {
      templates: {
        reminder: '{businessName}: {petName} tomorrow at {time}. Reply CANCEL to cancel your booking.',
      },
    });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'templates.reminder' });
    expect(error.message).toMatch(/CANCEL as an opt-out/);
    const rules = await desk.request('automation.getRules', {});
    expect(rules.templates.reminder.isDefault).toBe(true);
  });

  it('saves rules and templates, and a blank template goes back to the default', async () => {
    const saved = await desk.request('automation.saveRules', {
      enabled: { reminder: false },
      reminderLeadHours: 48,
      templates: { thank_you: 'Thanks from {businessName}! Give {petName} a hug. Reply STOP to opt out.' },
    });
    expect(saved.enabled).toEqual({ confirmation: true, reminder: false, thankYou: true });
    expect(saved.reminderLeadHours).toBe(48);
    expect(saved.templates.thank_you).toMatchObject({ isDefault: false });
    const reset = await desk.request('automation.saveRules', { templates: { thank_you: '' } });
    expect(reset.templates.thank_you.isDefault).toBe(true);
    expect(await failure('automation.saveRules', { reminderLeadHours: 0 })).toMatchObject({
      field: 'reminderLeadHours',
    });
    const hours = await desk.request('automation.saveRules', {
      sendingHoursStart: '08:30',
      sendingHoursEnd: '19:00',
    });
    expect([hours.sendingHoursStart, hours.sendingHoursEnd]).toEqual(['08:30', '19:00']);
    expect(await failure('automation.saveRules', { sendingHoursEnd: '08:30' })).toMatchObject({
      field: 'sendingHoursEnd',
    });
    expect(await failure('automation.saveRules', { sendingHoursStart: '25:00' })).toMatchObject({
      field: 'sendingHoursStart',
    });
  });
});
