/**
 * Booking, changing, cancelling, checking in and out. Each change is one transaction together with what it
 * does to texts not yet sent (cancelled with the reason); texts to make are left to the scheduler, woken
 * right after the commit, so a new booking's confirmation exists by the time the call returns.
 */
import type { AppointmentList, AppointmentStatus, AppointmentView } from '../../shared/api/appointments';
import { APPOINTMENT_STATUS_LABELS } from '../../shared/api/appointments';
import type { Automation } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import type { Clock } from '../core/clock';
import type { DeskEvents } from '../core/events';
import { setStatus } from '../consent/outbound-rows';
import type { Db } from '../db/open';
import type { SettingsStore } from '../settings/settings';
import {
  insertAppointment,
  loadAppointment,
  setAppointmentStatus,
  unsentAutomated,
  updateAppointment,
  type AppointmentDetail,
} from './appointment-rows';
import { appointmentList, appointmentView } from './appointment-views';
import { parseDateTime, startOfLocalDay, usableTimeZone } from './zoned-time';

export interface AppointmentsContext {
  db: Db;
  clock: Clock;
  events: DeskEvents;
  settings: SettingsStore;
  /** Makes the texts now due (the scheduler's wake). */
  wakeAutomation(): void;
}

type DateInput = number | string;

export interface BookingInput {
  clientId: number;
  petId: number;
  service: string;
  startsAt: DateInput;
  endsAt: DateInput;
}

export interface ChangeInput {
  appointmentId: number;
  petId?: number;
  service?: string;
  startsAt?: DateInput;
  endsAt?: DateInput;
}

export interface ListInput {
  from?: DateInput;
  to?: DateInput;
  clientId?: number;
  includeCancelled: boolean;
  limit: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** Bounds that catch a mistyped year, not real bookings. */
const MAX_AHEAD_MS = 3 * 366 * DAY;
const MAX_BEHIND_MS = 366 * DAY;
const MAX_LENGTH_MS = 366 * DAY;

export const CANCELLED_REASON = 'Cancelled: the appointment was cancelled';
export const CHANGED_REASON =
  'Cancelled: the appointment was changed; a text with the new details replaces it';
export const CHECKED_IN_REASON = 'Cancelled: the pet was checked in';
export const CHECKED_OUT_REASON = 'Cancelled: the pet was checked out';

export class AppointmentService {
  constructor(private readonly context: AppointmentsContext) {}

  private get db(): Db {
    return this.context.db;
  }

  list(input: ListInput): AppointmentList {
    const now = this.context.clock.now();
    const settings = this.context.settings.get();
    const timeZone = usableTimeZone(settings.timeZone);
    const from =
      input.from === undefined ? startOfLocalDay(now, timeZone) : this.time(input.from, 'from', 'From');
    const to = input.to === undefined ? null : this.time(input.to, 'to', 'To');
    if (to !== null && to <= from) throw new DeskError('invalid_input', 'To must be after From.', 'to');
    return appointmentList(
      this.db,
      settings,
      {
        from,
        to,
        clientId: input.clientId ?? null,
        includeCancelled: input.includeCancelled,
        limit: input.limit,
      },
      now,
    );
  }

  get(appointmentId: number): AppointmentView {
    const view = appointmentView(
      this.db,
      this.context.settings.get(),
      appointmentId,
      this.context.clock.now(),
    );
    if (!view) throw notFound(appointmentId);
    return view;
  }

  create(input: BookingInput): AppointmentView {
    const now = this.context.clock.now();
    const startsAt = this.time(input.startsAt, 'startsAt', 'Start');
    const endsAt = this.time(input.endsAt, 'endsAt', 'End');
    this.checkTimes(startsAt, endsAt, now);
    const id = this.db.transaction(() => {
      const client = this.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(input.clientId);
      if (!client) throw new DeskError('not_found', `No client with id ${input.clientId}.`, 'clientId');
      this.checkPet(input.petId, input.clientId);
      return insertAppointment(this.db, {
        clientId: input.clientId,
        petId: input.petId,
        service: input.service.trim(),
        startsAt,
        endsAt,
        confirm: this.context.settings.get().automations.confirmation,
        at: now,
      });
    })();
    this.afterChange([], input.clientId);
    return this.get(id);
  }

  update(input: ChangeInput): AppointmentView {
    const now = this.context.clock.now();
    const cancelled = this.db.transaction(() => {
      const current = this.load(input.appointmentId);
      if (current.status === 'cancelled' || current.status === 'checked_out') {
        throw new DeskError(
          'conflict',
          `This appointment is ${APPOINTMENT_STATUS_LABELS[current.status].toLowerCase()} and can no longer be changed.`,
        );
      }
      const startsAt =
        input.startsAt === undefined ? current.starts_at : this.time(input.startsAt, 'startsAt', 'Start');
      const endsAt = input.endsAt === undefined ? current.ends_at : this.time(input.endsAt, 'endsAt', 'End');
      const petId = input.petId ?? current.pet_id;
      const service = input.service === undefined ? current.service : input.service.trim();
      if (current.status === 'checked_in' && startsAt !== current.starts_at) {
        throw new DeskError(
          'conflict',
          'The pet is already checked in, so the start cannot move.',
          'startsAt',
        );
      }
      if (startsAt !== current.starts_at || endsAt !== current.ends_at)
        this.checkTimes(startsAt, endsAt, now);
      if (petId === null) throw new DeskError('invalid_input', 'Choose the pet.', 'petId');
      if (petId !== current.pet_id) this.checkPet(petId, current.client_id);
      // What the texts say changed: the unsent ones would say the wrong thing.
      const newRevision =
        startsAt !== current.starts_at || petId !== current.pet_id || service !== current.service;
      updateAppointment(this.db, current.id, {
        petId,
        service,
        startsAt,
        endsAt,
        newRevision,
        confirm: this.context.settings.get().automations.confirmation,
        at: now,
      });
      const texts = newRevision
        ? this.cancelUnsent(current.id, ['confirmation', 'reminder'], CHANGED_REASON, now)
        : [];
      return { texts, clientId: current.client_id };
    })();
    this.afterChange(cancelled.texts, cancelled.clientId);
    return this.get(input.appointmentId);
  }

  cancel(appointmentId: number): AppointmentView {
    return this.changeStatus(appointmentId, 'cancelled', ['booked', 'checked_in'], (id, now) =>
      this.cancelUnsent(id, ['confirmation', 'reminder', 'thank_you'], CANCELLED_REASON, now),
    );
  }

  checkIn(appointmentId: number): AppointmentView {
    return this.changeStatus(appointmentId, 'checked_in', ['booked'], (id, now) =>
      this.cancelUnsent(id, ['confirmation', 'reminder'], CHECKED_IN_REASON, now),
    );
  }

  checkOut(appointmentId: number): AppointmentView {
    return this.changeStatus(appointmentId, 'checked_out', ['booked', 'checked_in'], (id, now) =>
      this.cancelUnsent(id, ['confirmation', 'reminder'], CHECKED_OUT_REASON, now),
    );
  }

  private changeStatus(
    appointmentId: number,
    to: Exclude<AppointmentStatus, 'booked'>,
    from: AppointmentStatus[],
    andThen: (id: number, now: number) => TextRef[],
  ): AppointmentView {
    const now = this.context.clock.now();
    const cancelled = this.db.transaction(() => {
      const current = this.load(appointmentId);
      if (!from.includes(current.status)) {
        const verb = { cancelled: 'cancelled', checked_in: 'checked in', checked_out: 'checked out' }[to];
        throw new DeskError(
          'conflict',
          `This appointment is ${APPOINTMENT_STATUS_LABELS[current.status].toLowerCase()}, so it cannot be ${verb}.`,
        );
      }
      const thankYou = to === 'checked_out' && this.context.settings.get().automations.thankYou;
      setAppointmentStatus(this.db, appointmentId, to, now, thankYou);
      return { texts: andThen(appointmentId, now), clientId: current.client_id };
    })();
    this.afterChange(cancelled.texts, cancelled.clientId);
    return this.get(appointmentId);
  }

  /** Inside the caller's transaction. */
  private cancelUnsent(id: number, automations: Automation[], reason: string, now: number): TextRef[] {
    const rows = unsentAutomated(this.db, id, automations);
    for (const row of rows) setStatus(this.db, row.id, 'cancelled', reason, now);
    return rows;
  }

  /** After the commit: tell every window (the client's appointments changed), then make the texts now due. */
  private afterChange(cancelled: TextRef[], clientId: number): void {
    this.context.events.emit('client.changed', { clientId });
    for (const row of cancelled) {
      this.context.events.emit('message.changed', {
        messageId: row.id,
        clientId: row.client_id,
        e164: row.e164,
      });
    }
    this.context.wakeAutomation();
  }

  private load(appointmentId: number): AppointmentDetail {
    const row = loadAppointment(this.db, appointmentId);
    if (!row) throw notFound(appointmentId);
    return row;
  }

  private checkPet(petId: number, clientId: number): void {
    const pet = this.db.prepare('SELECT client_id, name FROM pets WHERE id = ?').get(petId) as
      { client_id: number; name: string } | undefined;
    if (!pet) throw new DeskError('not_found', `No pet with id ${petId}.`, 'petId');
    if (pet.client_id !== clientId) {
      throw new DeskError('invalid_input', `${pet.name} is not this client's pet.`, 'petId');
    }
  }

  private checkTimes(startsAt: number, endsAt: number, now: number): void {
    if (endsAt <= startsAt)
      throw new DeskError('invalid_input', 'The end must be after the start.', 'endsAt');
    if (startsAt > now + MAX_AHEAD_MS) {
      throw new DeskError(
        'invalid_input',
        'The start is more than three years ahead; check the year.',
        'startsAt',
      );
    }
    if (startsAt < now - MAX_BEHIND_MS) {
      throw new DeskError('invalid_input', 'The start is more than a year ago; check the year.', 'startsAt');
    }
    if (endsAt - startsAt > MAX_LENGTH_MS) {
      throw new DeskError(
        'invalid_input',
        'An appointment can last at most a year; check the end.',
        'endsAt',
      );
    }
  }

  private time(value: DateInput, field: string, label: string): number {
    const at = parseDateTime(value, usableTimeZone(this.context.settings.get().timeZone));
    if (at === null) {
      throw new DeskError('invalid_input', `${label} must be a date and time, like 2026-03-08T09:30.`, field);
    }
    return at;
  }
}

interface TextRef {
  id: number;
  e164: string;
  client_id: number | null;
}

function notFound(appointmentId: number): DeskError {
  return new DeskError('not_found', `No appointment with id ${appointmentId}.`, 'appointmentId');
}
