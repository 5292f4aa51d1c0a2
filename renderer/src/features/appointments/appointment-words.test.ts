import { describe, expect, it } from 'vitest';
import type { AppointmentView } from '../../../../shared/api/appointments';
import { addMinutesToLocal, dayKey, groupByDay, textDetail, timeOfDay } from './appointment-words';

const NY = 'America/New_York';
/** Friday 2026-01-09, 10:00 in New York. */
const NOW = Date.parse('2026-01-09T15:00:00Z');

function appointment(id: number, startsAt: string, startsAtLocal: string): AppointmentView {
  return {
    id,
    clientId: 1,
    clientName: 'Ana Lopez',
    petId: 1,
    petName: 'Rex',
    service: 'Grooming',
    startsAt: Date.parse(startsAt),
    endsAt: Date.parse(startsAt) + 3_600_000,
    startsAtLocal,
    endsAtLocal: startsAtLocal,
    status: 'booked',
    texting: null,
    texts: [],
    createdAt: 0,
    checkedInAt: null,
    checkedOutAt: null,
    cancelledAt: null,
  };
}

describe('appointment words', () => {
  it('groups by the business day: under way, today, tomorrow, then dated days', () => {
    const groups = groupByDay(
      [
        appointment(1, '2026-01-08T14:00:00Z', '2026-01-08T09:00'),
        appointment(2, '2026-01-09T21:00:00Z', '2026-01-09T16:00'),
        appointment(3, '2026-01-10T04:30:00Z', '2026-01-09T23:30'),
        appointment(4, '2026-01-10T15:00:00Z', '2026-01-10T10:00'),
        appointment(5, '2026-01-13T15:00:00Z', '2026-01-13T10:00'),
      ],
      NOW,
      NY,
    );
    expect(groups.map((group) => [group.heading, group.appointments.map((a) => a.id)])).toEqual([
      ['Under way', [1]],
      ['Today', [2, 3]],
      ['Tomorrow', [4]],
      ['Tuesday, Jan 13', [5]],
    ]);
  });

  it('says times in the business zone, whatever the machine zone', () => {
    expect(timeOfDay(Date.parse('2026-01-10T04:30:00Z'), NY)).toMatch(/^11:30\sPM$/);
    expect(dayKey(Date.parse('2026-01-10T04:30:00Z'), NY)).toBe('2026-01-09');
  });

  it('explains each text state in a line', () => {
    const base = { automation: 'confirmation' as const, messageId: 1, earlier: [] };
    expect(
      textDetail({ ...base, state: 'held', reason: 'Waiting for the client to opt in', at: null }, NY, NOW),
    ).toBe('Waiting for the client to opt in');
    expect(
      textDetail({ ...base, state: 'queued', reason: null, at: Date.parse('2026-01-10T14:00:00Z') }, NY, NOW),
    ).toMatch(/^Waits for sending hours: goes out Sat, Jan 10, 9:00\sAM$/);
    expect(textDetail({ ...base, state: 'queued', reason: null, at: NOW - 1 }, NY, NOW)).toBeNull();
    expect(textDetail({ ...base, state: 'scheduled', reason: 'After check-out', at: null }, NY, NOW)).toBe(
      'After check-out',
    );
  });

  it('suggests an end an hour after the start, across midnight and month ends', () => {
    expect(addMinutesToLocal('2026-01-31T23:30', 60)).toBe('2026-02-01T00:30');
    expect(addMinutesToLocal('not a time', 60)).toBe('');
  });
});
