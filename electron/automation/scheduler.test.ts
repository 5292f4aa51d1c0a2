import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/errors';
import { FakeClock } from '../core/clock';
import { expireDue } from '../consent/held';
import { REVIEW_WAIT } from '../consent/outbound-rows';
import { CANCELLED_REASON, CHANGED_REASON, CHECKED_IN_REASON } from './appointments';
import {
  automationHarness,
  DAY,
  HOUR,
  MINUTE,
  removeHarnessDir,
  type AutomationHarness,
} from './testing/harness';

const ANA = '+15555550101';
const BEN = '+15555550102';
/** Monday 2026-01-05, 10:00 in New York (the desk's default zone). */
const MONDAY_10AM = Date.UTC(2026, 0, 5, 15, 0, 0);
const utc = (iso: string) => Date.parse(iso);

const harnesses: AutomationHarness[] = [];
function harness(start = MONDAY_10AM): AutomationHarness {
  const h = automationHarness({ clock: new FakeClock(start) });
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await removeHarnessDir(h);
});

const kinds = (rows: { kind: string; automation: string | null; status: string }[]) =>
  rows.map((row) => [row.automation ?? row.kind, row.status]);

describe('the consent gate for automated texts', () => {
  it('queues the confirmation to an opted-in number at once, expiring when the appointment starts', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const starts = MONDAY_10AM + 3 * DAY;
    const view = h.book(clientId, petIds[0]!, starts);
    const [confirmation] = h.automated(view.id);
    expect(confirmation).toMatchObject({
      automation: 'confirmation',
      status: 'queued',
      not_before: MONDAY_10AM,
      expires_at: starts,
    });
    expect(confirmation!.body).toContain("Hi Ana, Rex's Grooming is booked for Thu, Jan 8 at 10:00 AM");
    expect(view.texts.find((text) => text.automation === 'confirmation')).toMatchObject({ state: 'queued' });
  });

  it('to an unknown number: sends the opt-in request first and holds the confirmation', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    expect(kinds(h.outbound(ANA))).toEqual([
      ['opt_in_request', 'queued'],
      ['confirmation', 'held'],
    ]);
    expect(h.outbound(ANA)[1]!.status_reason).toBe('Waiting for the client to opt in');
    expect(h.state(ANA)).toBe('pending');
  });

  it('to a pending number: holds it and sends no second request', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'pending');
    h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    expect(kinds(h.outbound(ANA))).toEqual([['confirmation', 'held']]);
  });

  it('to an opted-out number: not sent, shown as blocked with the reason', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_out');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    expect(kinds(h.outbound(ANA))).toEqual([['confirmation', 'blocked']]);
    expect(view.texts[0]).toMatchObject({
      automation: 'confirmation',
      state: 'blocked',
      reason: 'Not sent: this number opted out',
    });
  });

  it('to a number on the review list: waits for staff', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    h.receive(ANA, 'please stop');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    expect(view.texts[0]).toMatchObject({ state: 'held', reason: REVIEW_WAIT });
  });

  it('prompts only with the first automated text: two bookings, one request, two held confirmations', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA, ['Rex', 'Bella']);
    h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    h.book(clientId, petIds[1]!, MONDAY_10AM + 5 * DAY);
    expect(kinds(h.outbound(ANA))).toEqual([
      ['opt_in_request', 'queued'],
      ['confirmation', 'held'],
      ['confirmation', 'held'],
    ]);
  });

  it('a YES releases both held confirmations in the order they were written', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA, ['Rex', 'Bella']);
    const first = h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    const second = h.book(clientId, petIds[1]!, MONDAY_10AM + 5 * DAY);
    h.clock.advance(10 * MINUTE);
    h.receive(ANA, 'Yes');
    const released = h.outbound(ANA).filter((row) => row.automation === 'confirmation');
    expect(released.map((row) => [row.appointment_id, row.status])).toEqual([
      [first.id, 'queued'],
      [second.id, 'queued'],
    ]);
  });
});

describe('sending hours', () => {
  it('a booking made after closing is confirmed when they open the next morning', () => {
    const h = harness(utc('2026-01-06T02:30:00Z')); // Mon 21:30 EST
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, h.clock.now() + 3 * DAY);
    expect(h.automated(view.id)[0]).toMatchObject({
      status: 'queued',
      not_before: utc('2026-01-06T14:00:00Z'),
    });
    expect(view.texts[0]!.at).toBe(utc('2026-01-06T14:00:00Z'));
  });

  it('on the spring-forward day, a reminder due at night waits for 9 am EDT', () => {
    // Booked Thursday; the appointment is Mon 2026-03-09 at 06:30 EDT, so its reminder falls due Sunday 06:30 EDT.
    const h = harness(utc('2026-03-05T15:00:00Z'));
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const starts = utc('2026-03-09T10:30:00Z');
    const view = h.book(clientId, petIds[0]!, starts);
    h.clock.set(starts - DAY - MINUTE);
    expect(h.automated(view.id).map((row) => row.automation)).toEqual(['confirmation']);
    h.clock.advance(MINUTE);
    expect(h.automated(view.id)[1]).toMatchObject({
      automation: 'reminder',
      status: 'queued',
      not_before: utc('2026-03-08T13:00:00Z'),
      expires_at: starts,
    });
  });

  it('on the fall-back day, a thank-you for a late check-out waits for 9 am EST', () => {
    const h = harness(utc('2026-10-31T14:00:00Z')); // Sat 10:00 EDT
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, utc('2026-10-31T22:00:00Z'), 2, 'Boarding');
    h.clock.set(utc('2026-11-01T01:30:00Z')); // Sat 21:30 EDT
    h.appointments.checkOut(view.id);
    const thankYou = h.automated(view.id).find((row) => row.automation === 'thank_you');
    expect(thankYou).toMatchObject({ status: 'queued', not_before: utc('2026-11-01T14:00:00Z') });
    expect(thankYou!.expires_at).toBe(utc('2026-11-01T01:30:00Z') + 7 * DAY);
  });
});

describe('reminders', () => {
  it('are made the set time before the start, not earlier, and once', () => {
    const h = harness();
    h.settings.update({ reminderLeadHours: 48 });
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const starts = MONDAY_10AM + 4 * DAY;
    const view = h.book(clientId, petIds[0]!, starts);
    h.clock.set(starts - 48 * HOUR - MINUTE);
    expect(h.automated(view.id).filter((row) => row.automation === 'reminder')).toEqual([]);
    expect(h.appointments.get(view.id).texts[1]).toMatchObject({
      state: 'scheduled',
      at: starts - 48 * HOUR,
    });
    h.clock.advance(MINUTE);
    h.clock.advance(DAY);
    expect(h.automated(view.id).filter((row) => row.automation === 'reminder')).toHaveLength(1);
  });

  it('are not made for a booking inside the reminder window: the confirmation covers it', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 5 * HOUR);
    h.clock.advance(4 * HOUR);
    expect(h.automated(view.id).map((row) => row.automation)).toEqual(['confirmation']);
    expect(h.appointments.get(view.id).texts[1]).toMatchObject({ state: 'not_sent' });
  });

  it('follow the appointment when it is moved: the unsent one is cancelled, a new one comes at the new time', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const starts = MONDAY_10AM + 2 * DAY;
    const view = h.book(clientId, petIds[0]!, starts);
    h.clock.set(starts - DAY - 2 * HOUR); // 08:00: the reminder is due but sending hours open at 9
    h.clock.advance(2 * HOUR);
    const oldReminder = h.automated(view.id).find((row) => row.automation === 'reminder')!;
    expect(oldReminder.status).toBe('queued');

    const moved = starts + 3 * DAY;
    const changed = h.appointments.update({ appointmentId: view.id, startsAt: moved, endsAt: moved + HOUR });
    const rows = h.automated(view.id);
    expect(rows.find((row) => row.id === oldReminder.id)).toMatchObject({
      status: 'cancelled',
      status_reason: CHANGED_REASON,
    });
    // The client learns the new time at once; the new reminder waits for its own moment.
    const confirmations = rows.filter((row) => row.automation === 'confirmation');
    expect(confirmations).toHaveLength(2);
    expect(confirmations[1]!.expires_at).toBe(moved);
    expect(changed.texts[1]).toMatchObject({ state: 'scheduled', at: moved - DAY });
    expect(changed.texts[1]!.earlier).toEqual([
      { messageId: oldReminder.id, state: 'cancelled', reason: CHANGED_REASON },
    ]);
    h.clock.set(moved - DAY);
    const reminders = h.automated(view.id).filter((row) => row.automation === 'reminder');
    expect(reminders.map((row) => [row.status, row.expires_at])).toEqual([
      ['cancelled', starts],
      ['queued', moved],
    ]);
  });

  it('changing only the end keeps the texts already made', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 2 * DAY);
    h.appointments.update({ appointmentId: view.id, endsAt: MONDAY_10AM + 2 * DAY + 5 * HOUR });
    expect(kinds(h.automated(view.id))).toEqual([['confirmation', 'queued']]);
  });
});

describe('expiry and cancellation', () => {
  it('a held confirmation expires when its appointment starts, with the reason', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    const starts = MONDAY_10AM + 2 * HOUR;
    const view = h.book(clientId, petIds[0]!, starts);
    h.clock.set(starts - MINUTE);
    expect(expireDue(h.db, h.clock.now())).toEqual([]);
    h.clock.set(starts);
    expireDue(h.db, h.clock.now());
    expect(h.appointments.get(view.id).texts[0]).toMatchObject({
      state: 'expired',
      reason: 'Expired: its appointment had already begun',
    });
  });

  it('a confirmation that could only go out after the start is not made at all', () => {
    const h = harness(utc('2026-01-06T02:00:00Z')); // Mon 21:00 EST
    const { clientId, petIds } = h.addClient('Ana', ANA);
    const view = h.book(clientId, petIds[0]!, utc('2026-01-06T13:00:00Z')); // Tue 08:00
    expect(h.outbound(ANA)).toEqual([]);
    expect(view.texts[0]).toMatchObject({
      state: 'not_sent',
      reason: 'Sending hours open only after the appointment starts',
    });
  });

  it('cancelling an appointment cancels its unsent texts and no reminder is made later', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    const starts = MONDAY_10AM + 3 * DAY;
    const view = h.book(clientId, petIds[0]!, starts);
    const cancelled = h.appointments.cancel(view.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.texts.map((text) => [text.automation, text.state, text.reason])).toEqual([
      ['confirmation', 'cancelled', CANCELLED_REASON],
      ['reminder', 'not_sent', 'The appointment was cancelled'],
      ['thank_you', 'not_sent', 'No thank-you for a cancelled appointment'],
    ]);
    h.clock.set(starts);
    expect(kinds(h.automated(view.id))).toEqual([['confirmation', 'cancelled']]);
  });

  it('never sends a thank-you for a cancelled appointment', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + HOUR);
    h.clock.advance(HOUR);
    h.appointments.checkIn(view.id);
    h.appointments.cancel(view.id);
    expect(() => h.appointments.checkOut(view.id)).toThrow(DeskError);
    h.clock.advance(2 * DAY);
    expect(h.automated(view.id).some((row) => row.automation === 'thank_you')).toBe(false);
  });

  it('checking in cancels a confirmation still waiting for an opt-in', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 2 * HOUR);
    h.appointments.checkIn(view.id);
    expect(h.automated(view.id)[0]).toMatchObject({ status: 'cancelled', status_reason: CHECKED_IN_REASON });
  });

  it('sends a thank-you after check-out, once', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + HOUR);
    h.clock.advance(HOUR);
    h.appointments.checkIn(view.id);
    h.clock.advance(HOUR);
    const out = h.appointments.checkOut(view.id);
    expect(out.texts[2]).toMatchObject({ automation: 'thank_you', state: 'queued' });
    h.scheduler.wake();
    h.clock.advance(DAY);
    expect(h.automated(view.id).filter((row) => row.automation === 'thank_you')).toHaveLength(1);
    expect(h.automated(view.id).find((row) => row.automation === 'thank_you')!.body).toContain(
      'Thank you, Ana! We loved having Rex in for Grooming.',
    );
  });
});

describe('rules', () => {
  it('a rule that is off makes no text, and turning confirmations on later does not text old bookings', () => {
    const h = harness();
    h.settings.update({ automations: { confirmation: false, reminder: false, thankYou: true } });
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    expect(view.texts.map((text) => text.state)).toEqual(['off', 'off', 'scheduled']);
    h.settings.update({ automations: { confirmation: true, reminder: false, thankYou: true } });
    h.scheduler.wake();
    expect(h.outbound(ANA)).toEqual([]);
  });

  it('uses the staff template with the merge fields filled in', () => {
    const h = harness();
    h.settings.update({
      templates: {
        confirmation:
          '{businessName}: {petName} is booked for {service}, {date} {time}. Reply STOP to opt out.',
      },
    });
    const { clientId, petIds } = h.addClient('Ana', ANA, ['Biscuit']);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, utc('2026-01-09T19:45:00Z'), 2, 'Daycare');
    expect(h.automated(view.id)[0]!.body).toBe(
      'Happy Tails Pet Resort: Biscuit is booked for Daycare, Fri, Jan 9 2:45 PM. Reply STOP to opt out.',
    );
  });

  it('a client without a texting number gets no text, and the list says why', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', null);
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    expect(view.texting).toBeNull();
    expect(view.texts[0]).toMatchObject({ state: 'not_sent', reason: 'The client has no number for texts' });
  });
});

describe('restart safety', () => {
  it('makes no text twice across restarts, and makes what fell due while the desk was closed', async () => {
    let h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const starts = MONDAY_10AM + 3 * DAY;
    const view = h.book(clientId, petIds[0]!, starts);
    await h.close();
    // Closed across the reminder's due time; opened again before the appointment.
    h.clock.set(starts - 20 * HOUR);
    h = await h.restart();
    harnesses.push(h);
    h.clock.advance(MINUTE);
    h = await h.restart();
    harnesses.push(h);
    h.scheduler.runNow();
    expect(kinds(h.automated(view.id))).toEqual([
      ['confirmation', 'queued'],
      ['reminder', 'queued'],
    ]);
  });

  it('makes nothing that lost its point while the desk was closed', async () => {
    let h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const starts = MONDAY_10AM + 3 * DAY;
    const view = h.book(clientId, petIds[0]!, starts);
    await h.close();
    h.clock.set(starts + HOUR); // closed past the reminder's time and the start
    h = await h.restart();
    harnesses.push(h);
    expect(kinds(h.automated(view.id))).toEqual([['confirmation', 'queued']]);
    expect(h.appointments.get(view.id).texts[1]).toMatchObject({ state: 'not_sent' });
  });

  it('makes a confirmation the desk did not get to before closing, unless the appointment began', async () => {
    let h = automationHarness({ clock: new FakeClock(MONDAY_10AM), start: false });
    harnesses.push(h);
    const { clientId, petIds } = h.addClient('Ana', ANA, ['Rex', 'Bella']);
    h.setConsent(ANA, 'opted_in');
    const soon = h.book(clientId, petIds[0]!, MONDAY_10AM + HOUR);
    const later = h.book(clientId, petIds[1]!, MONDAY_10AM + 3 * DAY);
    expect(h.outbound(ANA)).toEqual([]);
    h.clock.advance(2 * HOUR);
    h = await h.restart();
    harnesses.push(h);
    expect(h.automated(soon.id)).toEqual([]);
    expect(kinds(h.automated(later.id))).toEqual([['confirmation', 'queued']]);
  });

  it('the database itself refuses a second text for the same appointment, automation and details', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ana', ANA);
    h.setConsent(ANA, 'opted_in');
    const view = h.book(clientId, petIds[0]!, MONDAY_10AM + 3 * DAY);
    const again = () =>
      h.consent.submitAutomated({
        e164: ANA,
        clientId,
        body: 'Twice',
        appointmentId: view.id,
        automation: 'confirmation',
        notBefore: h.clock.now(),
        expiresAt: view.startsAt,
      });
    expect(again).toThrow(/UNIQUE/);
    expect(h.outbound(ANA)).toHaveLength(1);
  });

  it('keeps one timer chained, not one per pass', () => {
    const h = harness();
    const { clientId, petIds } = h.addClient('Ben', BEN);
    for (let day = 2; day < 6; day++) h.book(clientId, petIds[0]!, MONDAY_10AM + day * DAY);
    expect(h.clock.pendingTimers()).toBe(1);
    h.clock.advance(5 * DAY);
    expect(h.clock.pendingTimers()).toBe(1);
    h.scheduler.stop();
    expect(h.clock.pendingTimers()).toBe(0);
  });
});
