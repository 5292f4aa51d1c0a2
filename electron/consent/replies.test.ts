import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consentHarness } from '../testing/consent-harness';
import { cancelHeld, expireDue, listHeld } from './held';
import { ledgerCsv, writeLedgerExport } from './ledger-export';
import { listOpenReviews } from './review';

const NUMBER = '+12125550101';
const HOUR = 3_600_000;

function pendingWithHeld(h: ReturnType<typeof consentHarness>, bodies: string[]) {
  const clientId = h.addClient('Ana', NUMBER);
  h.service.sendStaffText({ e164: NUMBER, clientId, body: bodies[0]!, holdUntilOptIn: true });
  for (const body of bodies.slice(1)) {
    h.clock.advance(1000);
    h.service.sendStaffText({ e164: NUMBER, clientId, body });
  }
  return clientId;
}

describe('opt-in replies', () => {
  it('YES opts in, confirms, and releases held texts in the order written', () => {
    const h = consentHarness();
    pendingWithHeld(h, ['first', 'second', 'third']);
    h.receive(NUMBER, ' yes! ');
    expect(h.state(NUMBER)).toBe('opted_in');
    const rows = h.statuses(NUMBER);
    expect(rows.map((m) => [m.kind, m.status])).toEqual([
      ['opt_in_request', 'queued'],
      ['manual', 'queued'],
      ['manual', 'queued'],
      ['manual', 'queued'],
      ['opt_in_confirmation', 'queued'],
    ]);
    const released = h.db
      .prepare("SELECT body FROM messages WHERE kind = 'manual' ORDER BY next_attempt_at, created_at, id")
      .all() as { body: string }[];
    expect(released.map((r) => r.body)).toEqual(['first', 'second', 'third']);
  });

  it('skips held texts that expired', () => {
    const h = consentHarness();
    pendingWithHeld(h, ['old']);
    h.clock.advance(73 * HOUR);
    h.receive(NUMBER, 'START');
    expect(h.statuses(NUMBER).find((m) => m.body === 'old')?.status).toBe('expired');
  });

  it('held manual texts expire after the set time', () => {
    const h = consentHarness();
    pendingWithHeld(h, ['hello']);
    h.clock.advance(71 * HOUR);
    expect(expireDue(h.db, h.clock.now())).toHaveLength(0);
    h.clock.advance(2 * HOUR);
    expect(expireDue(h.db, h.clock.now())).toHaveLength(1);
    expect(h.statuses(NUMBER).find((m) => m.body === 'hello')?.status).toBe('expired');
  });
});

describe('opt-out replies', () => {
  it('STOP blocks first, cancels held and queued texts, and sends exactly one confirmation', () => {
    const h = consentHarness({ carrierConfirmsOptOut: false });
    pendingWithHeld(h, ['one', 'two']);
    h.receive(NUMBER, 'Stop');
    expect(h.state(NUMBER)).toBe('opted_out');
    const rows = h.statuses(NUMBER);
    expect(rows.filter((m) => m.kind === 'manual').every((m) => m.status === 'cancelled')).toBe(true);
    expect(rows.find((m) => m.kind === 'opt_in_request')?.status).toBe('cancelled');
    expect(rows.filter((m) => m.kind === 'opt_out_confirmation')).toHaveLength(1);
    h.receive(NUMBER, 'STOP');
    expect(h.statuses(NUMBER).filter((m) => m.kind === 'opt_out_confirmation')).toHaveLength(1);
  });

  it('sends no confirmation when the carrier sends its own', () => {
    const h = consentHarness({ carrierConfirmsOptOut: true });
    pendingWithHeld(h, ['one']);
    h.receive(NUMBER, 'unsubscribe');
    expect(h.statuses(NUMBER).filter((m) => m.kind === 'opt_out_confirmation')).toHaveLength(0);
  });

  it('records the exact reply in the ledger', () => {
    const h = consentHarness();
    pendingWithHeld(h, ['one']);
    const messageId = h.receive(NUMBER, 'STOP 🛑');
    const row = h.db
      .prepare(
        'SELECT source, reason, message_id FROM consent_events WHERE e164 = ? ORDER BY id DESC LIMIT 1',
      )
      .get(NUMBER);
    expect(row).toEqual({ source: 'reply', reason: 'STOP 🛑', message_id: messageId });
  });
});

describe('HELP', () => {
  it('answers once per HELP whatever the state, and not when the carrier answers', () => {
    const h = consentHarness();
    h.addClient('Ana', NUMBER);
    h.receive(NUMBER, 'HELP');
    h.receive(NUMBER, 'info');
    const replies = h.statuses(NUMBER).filter((m) => m.kind === 'help_reply');
    expect(replies).toHaveLength(2);
    const settings = h.settings.get();
    expect(replies[0]!.body).toContain(settings.businessName);
    expect(replies[0]!.body).toContain(settings.businessEmail);
    expect(replies[0]!.body).toMatch(/STOP/);

    const quiet = consentHarness({ carrierAnswersHelp: true });
    quiet.addClient('Ana', NUMBER);
    quiet.receive(NUMBER, 'HELP');
    expect(quiet.statuses(NUMBER)).toEqual([]);
  });
});

describe('possible opt-outs and the review list', () => {
  it('a reply that reads like a wish to stop goes to review; staff decide; the ledger records who', () => {
    const h = consentHarness();
    const clientId = pendingWithHeld(h, ['one']);
    h.receive(NUMBER, 'YES');
    h.receive(NUMBER, 'please stop');
    expect(h.state(NUMBER)).toBe('opted_in');
    const [item] = listOpenReviews(h.db);
    expect(item?.text).toBe('please stop');
    const appointment = Number(
      h.db
        .prepare(
          "INSERT INTO appointments (client_id, service, starts_at, ends_at, status, created_at, updated_at) VALUES (?, 'daycare', ?, ?, 'booked', 0, 0)",
        )
        .run(clientId, h.clock.now() + 48 * HOUR, h.clock.now() + 50 * HOUR).lastInsertRowid,
    );
    const waiting = h.service.submitAutomated({
      e164: NUMBER,
      clientId,
      body: 'Reminder',
      appointmentId: appointment,
      automation: 'reminder',
      notBefore: h.clock.now(),
      expiresAt: h.clock.now() + 48 * HOUR,
    });
    expect(waiting.status).toBe('held');

    h.service.decideReview(item!.id, 'not_opt_out', 'Sam');
    expect(h.statuses(NUMBER).find((m) => m.body === 'Reminder')?.status).toBe('queued');
    const decision = h.db
      .prepare('SELECT source, staff_name, reason FROM consent_events ORDER BY id DESC LIMIT 1')
      .get() as { source: string; staff_name: string; reason: string };
    expect(decision.source).toBe('staff');
    expect(decision.staff_name).toBe('Sam');
    expect(decision.reason).toContain('please stop');
  });

  it('"Stop by at 3?" opts nobody out and goes to no review', () => {
    const h = consentHarness();
    h.addClient('Ana', NUMBER);
    h.receive(NUMBER, 'Stop by at 3?');
    expect(h.state(NUMBER)).toBe('unknown');
    expect(listOpenReviews(h.db)).toEqual([]);
  });

  it('staff reading a reply as an opt-out blocks the number', () => {
    const h = consentHarness();
    pendingWithHeld(h, ['one']);
    h.receive(NUMBER, 'YES');
    h.receive(NUMBER, 'no more texts');
    const [item] = listOpenReviews(h.db);
    h.service.decideReview(item!.id, 'opt_out', 'Sam');
    expect(h.state(NUMBER)).toBe('opted_out');
  });
});

describe('held list', () => {
  it('lists held texts with why and since when, and staff can cancel one', () => {
    const h = consentHarness();
    pendingWithHeld(h, ['one', 'two']);
    const held = listHeld(h.db, '', 100);
    expect(held.map((item) => item.body)).toEqual(['one', 'two']);
    expect(held[0]!.reason).toMatch(/opt in/);
    expect(listHeld(h.db, 'two', 100)).toHaveLength(1);
    cancelHeld(h.db, held[0]!.messageId, 'Sam', h.clock.now());
    expect(listHeld(h.db, '', 100).map((item) => item.body)).toEqual(['two']);
  });
});

describe('ledger export', () => {
  it('writes every change with the exact text, staff and a zoned time; the file reads back', () => {
    const h = consentHarness();
    const clientId = pendingWithHeld(h, ['one']);
    h.receive(NUMBER, 'YES');
    h.receive(NUMBER, 'STOP');
    h.clock.advance(24 * HOUR);
    h.service.staffReRequest(NUMBER, clientId, 'Sam', 'Said "text me", =1+1 at the desk');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
    const { filePath, rowCount } = writeLedgerExport(h.db, dir, 'America/New_York', h.clock.now());
    const text = fs.readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(rowCount).toBe(4);
    expect(lines[0]).toBe(
      'number,clients,from_state,to_state,source,text_or_reason,message_text,staff,time,time_zone',
    );
    expect(lines[1]).toMatch(
      /^\+12125550101,Ana Tester,unknown,pending,staff,Staff sent the opt-in request,.*Reply YES/,
    );
    expect(lines[2]).toContain(',pending,opted_in,reply,YES,YES,,2026-01-05T10:00:00-05:00,America/New_York');
    expect(lines[3]).toContain(',opted_in,opted_out,reply,STOP,STOP,');
    expect(lines[4]).toContain('"Client asked to opt in again: Said ""text me"", =1+1 at the desk"');
    expect(lines[4]).toContain(',Sam,2026-01-06T10:00:00-05:00,');
    expect(ledgerCsv(h.db, 'UTC').rowCount).toBe(4);
  });
});

describe('opt-out confirmations with a carrier that confirms its own keywords', () => {
  it('a phrase the carrier does not know gets the desk confirmation; a carrier keyword does not', () => {
    const phrase = consentHarness({ carrierConfirmsOptOut: true });
    phrase.addClient('Ana', NUMBER);
    phrase.receive(NUMBER, 'Stop texting me');
    expect(phrase.statuses(NUMBER).filter((m) => m.kind === 'opt_out_confirmation')).toHaveLength(1);

    const keyword = consentHarness({ carrierConfirmsOptOut: true });
    keyword.addClient('Ana', NUMBER);
    keyword.receive(NUMBER, 'stop');
    expect(keyword.statuses(NUMBER).filter((m) => m.kind === 'opt_out_confirmation')).toHaveLength(0);
  });
});

describe('review list pushes', () => {
  it('tells the UI when a possible opt-out joins the review list', async () => {
    const h = consentHarness();
    h.addClient('Ana', NUMBER);
    const counts: number[] = [];
    h.deps.events.subscribe((event) => {
      if (event.name === 'review.changed') counts.push(event.payload.openCount);
    });
    h.receive(NUMBER, 'please stop');
    await Promise.resolve();
    expect(counts).toEqual([1]);
  });
});
