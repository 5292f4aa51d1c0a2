/**
 * The automation scheduler: makes each appointment's confirmation, reminder and thank-you when its time comes
 * and hands it to the consent service (the same gate as staff texts). It keeps no memory of its own: what is
 * due is read from the appointments, what was made from automation_texts, so a restart neither repeats a
 * text nor forgets one, and a text whose moment passed while the desk was closed is not made at all.
 * One timer, chained on the injected clock, set for the next reminder; appointment changes wake it early.
 */
import { AUTOMATIONS, type Automation } from '../../shared/domain';
import type { Clock } from '../core/clock';
import type { DeskEvents } from '../core/events';
import type { Log } from '../core/log';
import type { Db } from '../db/open';
import type { ConsentService } from '../consent/service';
import { ChainedTimer } from '../messaging/chained-timer';
import type { SettingsStore } from '../settings/settings';
import {
  appointmentsAwaitingTexts,
  nextReminderDueAt,
  textMade,
  type AppointmentDetail,
} from './appointment-rows';
import { planText, rulesFrom, THANK_YOU_EXPIRY_MS } from './plan';
import { automatedText } from './texts';

export interface AutomationContext {
  db: Db;
  clock: Clock;
  log: Log;
  events: DeskEvents;
  settings: SettingsStore;
  consent: Pick<ConsentService, 'submitAutomated'>;
}

export interface AutomationScheduler {
  start(): void;
  stop(): void;
  /** An appointment or a rule changed: look now (when started). */
  wake(): void;
  /** One pass now, started or not; returns the ids of the texts it made. */
  runNow(): number[];
}

/** Even with no reminder pending, look again this often: a rule or sending hours may have changed elsewhere. */
const MAX_SLEEP_MS = 15 * 60_000;
/** After a failed pass, try again soon rather than at the next reminder. */
const RETRY_MS = 60_000;

export function createAutomation(context: AutomationContext): AutomationScheduler {
  const { db, clock, log } = context;
  const timer = new ChainedTimer(clock, () => run());
  let started = false;
  let running = false;
  let again = false;

  /** Makes every text that is due now; returns the ids made and when to look next. */
  function pass(): { made: number[]; nextAt: number } {
    const now = clock.now();
    const settings = context.settings.get();
    const rules = rulesFrom(settings);
    const made: number[] = [];
    const awaiting = appointmentsAwaitingTexts(db, {
      now,
      reminderLeadMs: rules.reminderLeadMs,
      thankYouWindowMs: THANK_YOU_EXPIRY_MS,
    });
    for (const appointment of awaiting) {
      for (const automation of AUTOMATIONS) {
        const plan = planText(appointment, automation, rules, now);
        if (plan.kind !== 'due' || appointment.e164 === null) continue;
        if (textMade(db, appointment.id, automation, appointment.revision)) continue;
        const messageId = submit(appointment, appointment.e164, automation, plan);
        if (messageId !== null) made.push(messageId);
      }
    }
    const nextReminder = rules.enabled.reminder ? nextReminderDueAt(db, now, rules.reminderLeadMs) : null;
    return { made, nextAt: Math.min(nextReminder ?? Infinity, now + MAX_SLEEP_MS) };
  }

  function submit(
    appointment: AppointmentDetail,
    e164: string,
    automation: Automation,
    plan: { notBefore: number; expiresAt: number },
  ): number | null {
    try {
      const body = automatedText(
        automation,
        {
          firstName: appointment.first_name,
          petName: appointment.pet_name,
          service: appointment.service,
          startsAt: appointment.starts_at,
        },
        context.settings.get(),
        log,
      );
      const outcome = context.consent.submitAutomated({
        e164,
        clientId: appointment.client_id,
        body,
        appointmentId: appointment.id,
        automation,
        notBefore: plan.notBefore,
        expiresAt: plan.expiresAt,
      });
      log.info('automated text made', {
        appointmentId: appointment.id,
        automation,
        messageId: outcome.messageId,
        status: outcome.status,
      });
      return outcome.messageId;
    } catch (error) {
      // One bad appointment must not stop the others; it is tried again on the next pass.
      log.error('could not make an automated text', {
        appointmentId: appointment.id,
        automation,
        error: String(error),
      });
      return null;
    }
  }

  function run(): number[] {
    // A pass hands texts to the consent service, which nudges the outbox synchronously; anything that asks
    // for another pass meanwhile gets one right after, never a pass inside a pass.
    if (running) {
      again = true;
      return [];
    }
    running = true;
    const made: number[] = [];
    try {
      do {
        again = false;
        let nextAt: number;
        try {
          const result = pass();
          made.push(...result.made);
          nextAt = result.nextAt;
        } catch (error) {
          log.error('automation pass failed', { error: String(error) });
          nextAt = clock.now() + RETRY_MS;
        }
        if (started) timer.at(nextAt);
      } while (again);
    } finally {
      running = false;
    }
    return made;
  }

  return {
    start() {
      if (started) return;
      started = true;
      run();
    },
    stop() {
      started = false;
      timer.cancel();
    },
    wake() {
      if (started) run();
    },
    runNow: () => run(),
  };
}
