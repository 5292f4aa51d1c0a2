/** The SQL behind appointments and the automated texts made for them. */
import type { Automation, MessageStatus } from '../../shared/domain';
import type { Db } from '../db/open';

export type AppointmentStatus = 'booked' | 'checked_in' | 'checked_out' | 'cancelled';

export interface AppointmentRow {
  id: number;
  client_id: number;
  pet_id: number | null;
  service: string;
  starts_at: number;
  ends_at: number;
  status: AppointmentStatus;
  created_at: number;
  updated_at: number;
  revision: number;
  revised_at: number | null;
  confirm_revision: number | null;
  checked_in_at: number | null;
  checked_out_at: number | null;
  cancelled_at: number | null;
  thank_you_wanted: number;
}

/** An appointment with what its texts need: who, which pet, which number. */
export interface AppointmentDetail extends AppointmentRow {
  first_name: string;
  last_name: string;
  pet_name: string | null;
  /** The client's number for texts, if any. */
  e164: string | null;
}

const DETAIL = `SELECT a.*, c.first_name, c.last_name, p.name AS pet_name,
    (SELECT ph.e164 FROM phones ph WHERE ph.client_id = a.client_id ORDER BY ph.is_texting DESC, ph.position, ph.id
     LIMIT 1) AS e164
  FROM appointments a
  JOIN clients c ON c.id = a.client_id
  LEFT JOIN pets p ON p.id = a.pet_id`;

export interface NewAppointment {
  clientId: number;
  petId: number;
  service: string;
  startsAt: number;
  endsAt: number;
  /** Whether a confirmation is wanted (the rule was on when it was booked). */
  confirm: boolean;
  at: number;
}

export function insertAppointment(db: Db, appointment: NewAppointment): number {
  const result = db
    .prepare(
      `INSERT INTO appointments (client_id, pet_id, service, starts_at, ends_at, status, created_at, updated_at,
         revision, revised_at, confirm_revision)
       VALUES (@clientId, @petId, @service, @startsAt, @endsAt, 'booked', @at, @at, 1, @at,
         CASE WHEN @confirm THEN 1 END)`,
    )
    .run({ ...appointment, confirm: appointment.confirm ? 1 : 0 });
  return Number(result.lastInsertRowid);
}

export function loadAppointment(db: Db, id: number): AppointmentDetail | undefined {
  return db.prepare(`${DETAIL} WHERE a.id = ?`).get(id) as AppointmentDetail | undefined;
}

export interface AppointmentFilter {
  /** Appointments that end at or after this time. */
  from: number;
  /** Appointments that start before this time; null for no end. */
  to: number | null;
  clientId: number | null;
  includeCancelled: boolean;
  limit: number;
}

export function listAppointments(db: Db, filter: AppointmentFilter): AppointmentDetail[] {
  return db
    .prepare(
      `${DETAIL}
       WHERE a.ends_at >= @from AND (@to IS NULL OR a.starts_at < @to)
         AND (@clientId IS NULL OR a.client_id = @clientId)
         AND (@includeCancelled OR a.status != 'cancelled')
       ORDER BY a.starts_at, a.id
       LIMIT @limit`,
    )
    .all({ ...filter, includeCancelled: filter.includeCancelled ? 1 : 0 }) as AppointmentDetail[];
}

export interface AppointmentChange {
  petId: number;
  service: string;
  startsAt: number;
  endsAt: number;
  /** True when the texts' words change (start, pet or service): a new revision. */
  newRevision: boolean;
  confirm: boolean;
  at: number;
}

export function updateAppointment(db: Db, id: number, change: AppointmentChange): void {
  db.prepare(
    `UPDATE appointments SET pet_id = @petId, service = @service, starts_at = @startsAt, ends_at = @endsAt,
       updated_at = @at,
       revision = revision + @bump,
       revised_at = CASE WHEN @bump THEN @at ELSE revised_at END,
       confirm_revision = CASE WHEN @bump THEN (CASE WHEN @confirm THEN revision + 1 END) ELSE confirm_revision END
     WHERE id = @id`,
  ).run({
    id,
    petId: change.petId,
    service: change.service,
    startsAt: change.startsAt,
    endsAt: change.endsAt,
    at: change.at,
    bump: change.newRevision ? 1 : 0,
    confirm: change.confirm ? 1 : 0,
  });
}

const STATUS_UPDATES = {
  checked_in: `UPDATE appointments SET status = 'checked_in', checked_in_at = @at, updated_at = @at WHERE id = @id`,
  // Checking out a pet never checked in (a quick visit) records both.
  checked_out: `UPDATE appointments SET status = 'checked_out', checked_in_at = coalesce(checked_in_at, @at),
      checked_out_at = @at, thank_you_wanted = @thankYou, updated_at = @at WHERE id = @id`,
  cancelled: `UPDATE appointments SET status = 'cancelled', cancelled_at = @at, updated_at = @at WHERE id = @id`,
} as const;

export function setAppointmentStatus(
  db: Db,
  id: number,
  status: Exclude<AppointmentStatus, 'booked'>,
  at: number,
  thankYouWanted = false,
): void {
  const params: Record<string, number> = { id, at };
  if (status === 'checked_out') params.thankYou = thankYouWanted ? 1 : 0;
  db.prepare(STATUS_UPDATES[status]).run(params);
}

export interface AutomatedMessageRow {
  id: number;
  automation: Automation;
  revision: number;
  status: MessageStatus;
  status_reason: string | null;
  error_reason: string | null;
  not_before: number | null;
  expires_at: number | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

/** Every automated text made for these appointments, oldest first. */
export function automatedMessagesFor(db: Db, appointmentIds: number[]): Map<number, AutomatedMessageRow[]> {
  const byAppointment = new Map<number, AutomatedMessageRow[]>();
  if (appointmentIds.length === 0) return byAppointment;
  const rows = db
    .prepare(
      `SELECT t.appointment_id, m.id, t.automation, t.revision, m.status, m.status_reason, m.error_reason,
              m.not_before, m.expires_at, m.created_at, m.sent_at, m.updated_at
       FROM automation_texts t JOIN messages m ON m.id = t.message_id
       WHERE t.appointment_id IN (SELECT value FROM json_each(?))
       ORDER BY m.id`,
    )
    .all(JSON.stringify(appointmentIds)) as (AutomatedMessageRow & { appointment_id: number })[];
  for (const row of rows) {
    const list = byAppointment.get(row.appointment_id) ?? [];
    list.push(row);
    byAppointment.set(row.appointment_id, list);
  }
  return byAppointment;
}

/** True once a text was made for this appointment, automation and revision (whatever became of it). */
export function textMade(db: Db, appointmentId: number, automation: Automation, revision: number): boolean {
  return (
    db
      .prepare('SELECT 1 FROM automation_texts WHERE appointment_id = ? AND automation = ? AND revision = ?')
      .get(appointmentId, automation, revision) !== undefined
  );
}

/** Automated texts of an appointment still waiting to go (held or queued), optionally only some kinds. */
export function unsentAutomated(
  db: Db,
  appointmentId: number,
  automations: readonly Automation[],
): { id: number; e164: string; client_id: number | null }[] {
  return db
    .prepare(
      `SELECT id, e164, client_id FROM messages
       WHERE appointment_id = ? AND automation IN (SELECT value FROM json_each(?))
         AND direction = 'outbound' AND status IN ('held', 'queued')
       ORDER BY id`,
    )
    .all(appointmentId, JSON.stringify(automations)) as {
    id: number;
    e164: string;
    client_id: number | null;
  }[];
}

const MADE = (automation: Automation) =>
  `EXISTS (SELECT 1 FROM automation_texts t WHERE t.appointment_id = a.id AND t.automation = '${automation}'
     AND t.revision = a.revision)`;

/**
 * Appointments that may need a text made now: a wanted confirmation or a reminder whose time has come for
 * their current details, or a thank-you after a recent check-out, none made yet. The rules then decide.
 */
export function appointmentsAwaitingTexts(
  db: Db,
  query: { now: number; reminderLeadMs: number; thankYouWindowMs: number },
): AppointmentDetail[] {
  return db
    .prepare(
      `${DETAIL}
       WHERE (a.status = 'booked' AND a.starts_at > @now AND (
               (a.confirm_revision = a.revision AND NOT ${MADE('confirmation')})
               OR (a.starts_at - @reminderLeadMs <= @now AND NOT ${MADE('reminder')})))
          OR (a.status = 'checked_out' AND a.thank_you_wanted = 1 AND a.checked_out_at > @now - @thankYouWindowMs
              AND NOT ${MADE('thank_you')})
       ORDER BY a.starts_at, a.id`,
    )
    .all(query) as AppointmentDetail[];
}

/** When the next reminder falls due (for the scheduler's timer); null when none is waiting. */
export function nextReminderDueAt(db: Db, now: number, reminderLeadMs: number): number | null {
  const row = db
    .prepare(
      `SELECT min(a.starts_at) - @reminderLeadMs AS at FROM appointments a
       WHERE a.status = 'booked' AND a.starts_at > @now + @reminderLeadMs AND NOT ${MADE('reminder')}`,
    )
    .get({ now, reminderLeadMs }) as { at: number | null };
  return row.at;
}
