import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../../shared/api/messages';
import { MESSAGE_STATUSES } from '../../../../shared/domain';
import { classificationNote, kindLabel, STATUS_WORDS, statusReason } from './message-words';

function message(patch: Partial<MessageView>): MessageView {
  return {
    id: 1,
    direction: 'outbound',
    kind: 'manual',
    status: 'queued',
    e164: '+12125550100',
    body: 'hi',
    clientId: 1,
    automation: null,
    appointmentId: null,
    staffName: null,
    classification: null,
    statusReason: null,
    errorCode: null,
    createdAt: 0,
    sentAt: null,
    expiresAt: null,
    readAt: null,
    ...patch,
  };
}

describe('message words', () => {
  it('names every status the desk has', () => {
    for (const status of MESSAGE_STATUSES) expect(STATUS_WORDS[status].label.length).toBeGreaterThan(0);
    expect(STATUS_WORDS.delivered).toEqual({ label: 'Delivered', tone: 'done' });
    expect(STATUS_WORDS.failed.tone).toBe('failed');
  });

  it('keeps the carrier’s plain words for a failure, and says something when there are none', () => {
    expect(statusReason(message({ status: 'failed', statusReason: 'The number is not in service' }))).toBe(
      'The number is not in service',
    );
    expect(statusReason(message({ status: 'failed', errorCode: '40008' }))).toContain('40008');
    expect(statusReason(message({ status: 'delivered' }))).toBeNull();
  });

  it('names the app’s own texts and automations, not a person’s', () => {
    expect(kindLabel(message({ kind: 'opt_in_request' }))).toBe('Opt-in request');
    expect(kindLabel(message({ kind: 'automated', automation: 'reminder' }))).toBe('Reminder');
    expect(kindLabel(message({ kind: 'manual' }))).toBeNull();
  });

  it('says what a keyword reply did', () => {
    expect(classificationNote(message({ direction: 'inbound', classification: 'opt_out' }))).toContain(
      'Opt-out reply',
    );
    expect(classificationNote(message({ direction: 'inbound', classification: 'message' }))).toBeNull();
  });
});
