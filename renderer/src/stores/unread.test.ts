import { describe, expect, it } from 'vitest';
import type { MessageView, UnknownSender } from '../../../shared/api/messages';
import { arrivalsBetween, clientUnread, unknownUnread } from './unread';

function message(patch: Partial<MessageView>): MessageView {
  return {
    id: 1,
    direction: 'inbound',
    kind: 'inbound',
    status: 'received',
    e164: '+12125550100',
    body: 'hi',
    clientId: null,
    automation: null,
    appointmentId: null,
    staffName: null,
    classification: 'message',
    statusReason: null,
    errorCode: null,
    createdAt: 0,
    sentAt: null,
    expiresAt: null,
    readAt: null,
    ...patch,
  };
}

describe('unread counts', () => {
  it('counts only unread inbound texts from unknown senders', () => {
    const senders: UnknownSender[] = [
      {
        e164: '+12125550199',
        display: '(212) 555-0199',
        messages: [
          message({}),
          message({ id: 2, readAt: 5 }),
          message({ id: 3, direction: 'outbound', kind: 'help_reply' }),
        ],
      },
      { e164: '+12125550198', display: '(212) 555-0198', messages: [message({ id: 4 })] },
    ];
    expect(unknownUnread(senders)).toBe(2);
  });

  it('announces nothing on the first reading, then the clients whose count went up', () => {
    const first = { counts: { total: 2, byClient: [{ clientId: 1, count: 2 }] }, unknown: 0 };
    expect(arrivalsBetween(null, first)).toEqual({ clientIds: [], unknown: false });
    const next = {
      counts: {
        total: 4,
        byClient: [
          { clientId: 1, count: 2 },
          { clientId: 7, count: 1 },
        ],
      },
      unknown: 1,
    };
    expect(arrivalsBetween(first, next)).toEqual({ clientIds: [7], unknown: true });
  });

  it('announces nothing when texts were read', () => {
    const before = { counts: { total: 3, byClient: [{ clientId: 1, count: 3 }] }, unknown: 1 };
    const after = { counts: { total: 1, byClient: [] }, unknown: 1 };
    expect(arrivalsBetween(before, after)).toEqual({ clientIds: [], unknown: false });
  });

  it('leaves unknown senders out of the clients’ count', () => {
    expect(clientUnread({ total: 5, byClient: [] }, 2)).toBe(3);
    expect(clientUnread({ total: 1, byClient: [] }, 2)).toBe(0);
  });
});
