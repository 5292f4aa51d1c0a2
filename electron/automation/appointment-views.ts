/** Appointments as staff see them: each with the state of its confirmation, reminder and thank-you. */
import type { AppointmentList, AppointmentText, AppointmentView } from '../../shared/api/appointments';
import { AUTOMATIONS, type Automation, type ConsentState } from '../../shared/domain';
import { formatPhone } from '../../shared/phone';
import { currentConsent } from '../consent/ledger';
import type { Db } from '../db/open';
import type { Settings } from '../settings/settings';
import {
  automatedMessagesFor,
  listAppointments,
  loadAppointment,
  type AppointmentDetail,
  type AppointmentFilter,
  type AutomatedMessageRow,
} from './appointment-rows';
import { planText, rulesFrom, type RuleSet } from './plan';
import { nextSendingMoment } from './sending-hours';
import { localIsoOf, usableTimeZone } from './zoned-time';

export function appointmentList(
  db: Db,
  settings: Settings,
  filter: AppointmentFilter,
  now: number,
): AppointmentList {
  const rows = listAppointments(db, filter);
  return {
    timeZone: usableTimeZone(settings.timeZone),
    now,
    appointments: views(db, settings, rows, now),
  };
}

export function appointmentView(db: Db, settings: Settings, id: number, now: number): AppointmentView | null {
  const row = loadAppointment(db, id);
  return row ? views(db, settings, [row], now)[0]! : null;
}

function views(db: Db, settings: Settings, rows: AppointmentDetail[], now: number): AppointmentView[] {
  const timeZone = usableTimeZone(settings.timeZone);
  const rules = rulesFrom(settings);
  const messages = automatedMessagesFor(
    db,
    rows.map((row) => row.id),
  );
  const consents = new Map<string, ConsentState>();
  const consentOf = (e164: string) => {
    let state = consents.get(e164);
    if (state === undefined) {
      state = currentConsent(db, e164);
      consents.set(e164, state);
    }
    return state;
  };
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    clientName: `${row.first_name} ${row.last_name}`.trim(),
    petId: row.pet_id,
    petName: row.pet_name,
    service: row.service,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    startsAtLocal: localIsoOf(row.starts_at, timeZone),
    endsAtLocal: localIsoOf(row.ends_at, timeZone),
    status: row.status,
    texting:
      row.e164 === null
        ? null
        : { e164: row.e164, display: formatPhone(row.e164), consent: consentOf(row.e164) },
    texts: AUTOMATIONS.map((automation) =>
      textState(row, automation, messages.get(row.id) ?? [], rules, now),
    ),
    createdAt: row.created_at,
    checkedInAt: row.checked_in_at,
    checkedOutAt: row.checked_out_at,
    cancelledAt: row.cancelled_at,
  }));
}

function textState(
  row: AppointmentDetail,
  automation: Automation,
  allMessages: AutomatedMessageRow[],
  rules: RuleSet,
  now: number,
): AppointmentText {
  const mine = allMessages.filter((message) => message.automation === automation);
  const current = mine.filter((message) => message.revision === row.revision).at(-1);
  const earlier = mine
    .filter((message) => message !== current)
    .map((message) => ({
      messageId: message.id,
      state: message.status,
      reason: message.status_reason ?? message.error_reason,
    }));
  if (current) {
    const waiting = current.status === 'held' || current.status === 'queued';
    return {
      automation,
      state: current.status,
      messageId: current.id,
      reason: current.status_reason ?? current.error_reason,
      at: waiting ? current.not_before : current.sent_at,
      earlier,
    };
  }
  const plan = planText(row, automation, rules, now);
  switch (plan.kind) {
    case 'due':
      return { automation, state: 'scheduled', messageId: null, reason: null, at: plan.notBefore, earlier };
    case 'later':
      return {
        automation,
        state: 'scheduled',
        messageId: null,
        reason: plan.reason,
        at: plan.dueAt === null ? null : nextSendingMoment(plan.dueAt, rules.hours),
        earlier,
      };
    case 'never':
      return {
        automation,
        state: plan.off ? 'off' : 'not_sent',
        messageId: null,
        reason: plan.reason,
        at: null,
        earlier,
      };
  }
}
