import { describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/errors';
import { consentHarness } from '../testing/consent-harness';
import { numberFacts } from './facts';

const NUMBER = '+12125550101';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function refusal(fn: () => unknown): DeskError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('staff texts by consent state', () => {
  it('to a number never asked: refused until staff confirm, then the request goes first and the text is held', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    const error = refusal(() => h.service.sendStaffText({ e164: NUMBER, clientId, body: 'Max is ready' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/opt-in request will be sent first/);
    expect(h.statuses(NUMBER)).toEqual([]);

    const outcome = h.service.sendStaffText({
      e164: NUMBER,
      clientId,
      body: 'Max is ready',
      holdUntilOptIn: true,
    });
    expect(outcome.status).toBe('held');
    expect(outcome.requestMessageId).not.toBeNull();
    expect(h.statuses(NUMBER).map((m) => [m.kind, m.status])).toEqual([
      ['opt_in_request', 'queued'],
      ['manual', 'held'],
    ]);
    expect(h.state(NUMBER)).toBe('pending');
  });

  it('to a pending number: held, no second request', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    const outcome = h.service.sendStaffText({ e164: NUMBER, clientId, body: 'Hello' });
    expect(outcome.status).toBe('held');
    expect(outcome.summary).toMatch(/will not be sent until/);
    expect(h.statuses(NUMBER).filter((m) => m.kind === 'opt_in_request')).toHaveLength(1);
  });

  it('to an opted-in number: queued at once', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    h.receive(NUMBER, 'YES');
    const outcome = h.service.sendStaffText({ e164: NUMBER, clientId, body: 'Max is ready' });
    expect(outcome.status).toBe('queued');
  });

  it('to an opted-out number: refused with the reason, nothing stored', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    h.receive(NUMBER, 'STOP');
    const before = h.statuses(NUMBER).length;
    const error = refusal(() => h.service.sendStaffText({ e164: NUMBER, clientId, body: 'Hi' }));
    expect(error.code).toBe('consent_refused');
    expect(error.message).toMatch(/opted out/);
    expect(h.statuses(NUMBER)).toHaveLength(before);
  });
});

describe('opt-in request limits', () => {
  it('refuses a second request within 24 hours and a fourth within 30 days', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    expect(refusal(() => h.service.requestOptIn(NUMBER, clientId, 'Sam')).code).toBe('limit_reached');
    h.clock.advance(DAY);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    h.clock.advance(DAY);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    h.clock.advance(5 * DAY);
    const error = refusal(() => h.service.requestOptIn(NUMBER, clientId, 'Sam'));
    expect(error.code).toBe('limit_reached');
    expect(error.message).toMatch(/30 days/);
    expect(numberFacts(h.db, NUMBER).requests).toHaveLength(3);
    h.clock.advance(30 * DAY);
    expect(h.service.requestOptIn(NUMBER, clientId, 'Sam').status).toBe('queued');
  });

  it('a staff re-request for an opted-out number needs a reason and records who and why', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    h.service.requestOptIn(NUMBER, clientId, 'Sam');
    h.receive(NUMBER, 'STOP');
    expect(refusal(() => h.service.requestOptIn(NUMBER, clientId, 'Sam')).code).toBe('consent_refused');
    h.clock.advance(DAY);
    h.service.staffReRequest(NUMBER, clientId, 'Sam', 'Client asked at the counter');
    expect(h.state(NUMBER)).toBe('pending');
    const last = h.db
      .prepare(
        'SELECT source, reason, staff_name FROM consent_events WHERE e164 = ? ORDER BY id DESC LIMIT 1',
      )
      .get(NUMBER);
    expect(last).toEqual({
      source: 'staff',
      reason: 'Client asked to opt in again: Client asked at the counter',
      staff_name: 'Sam',
    });
  });
});

describe('automated texts', () => {
  const automated = (appointmentId: number, clientId: number, notBefore: number, expiresAt: number) => ({
    e164: NUMBER,
    clientId,
    body: `Confirmation ${appointmentId}`,
    appointmentId,
    automation: 'confirmation' as const,
    notBefore,
    expiresAt,
  });

  function withAppointments(h: ReturnType<typeof consentHarness>, clientId: number) {
    const now = h.clock.now();
    const insert = h.db.prepare(
      "INSERT INTO appointments (client_id, service, starts_at, ends_at, status, created_at, updated_at) VALUES (?, 'boarding', ?, ?, 'booked', ?, ?)",
    );
    return [1, 2].map((n) =>
      Number(insert.run(clientId, now + n * DAY, now + n * DAY + HOUR, now, now).lastInsertRowid),
    );
  }

  it('only the first automated message prompts', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    const [a, b] = withAppointments(h, clientId);
    const now = h.clock.now();
    const first = h.service.submitAutomated(automated(a!, clientId, now, now + DAY));
    const second = h.service.submitAutomated(automated(b!, clientId, now, now + 2 * DAY));
    expect(first.requestMessageId).not.toBeNull();
    expect(second.requestMessageId).toBeNull();
    expect(h.statuses(NUMBER).map((m) => [m.kind, m.status])).toEqual([
      ['opt_in_request', 'queued'],
      ['automated', 'held'],
      ['automated', 'held'],
    ]);
  });

  it('to an opted-out number: stored as blocked, never queued', () => {
    const h = consentHarness();
    const clientId = h.addClient('Ana', NUMBER);
    const [a] = withAppointments(h, clientId);
    h.receive(NUMBER, 'STOP');
    const now = h.clock.now();
    expect(h.service.submitAutomated(automated(a!, clientId, now, now + DAY)).status).toBe('blocked');
  });
});
