import { AppointmentService } from '../automation/appointments';
import { automationRules, saveAutomationRules } from '../automation/rules';
import type { AutomationScheduler } from '../automation/scheduler';
import type { DeskContext } from '../desk';
import type { Handlers } from './dispatch';

type AppointmentMethods =
  | 'appointments.list'
  | 'appointments.get'
  | 'appointments.create'
  | 'appointments.update'
  | 'appointments.cancel'
  | 'appointments.checkIn'
  | 'appointments.checkOut'
  | 'automation.getRules'
  | 'automation.saveRules';

/** Appointments and the automation rules; every change wakes the scheduler so due texts are made at once. */
export function appointmentHandlers(
  context: Pick<DeskContext, 'db' | 'clock' | 'events' | 'settings'>,
  automation: Pick<AutomationScheduler, 'wake'>,
): Pick<Handlers, AppointmentMethods> {
  const appointments = new AppointmentService({ ...context, wakeAutomation: () => automation.wake() });
  return {
    'appointments.list': (input) => appointments.list(input),
    'appointments.get': ({ appointmentId }) => appointments.get(appointmentId),
    'appointments.create': (input) => appointments.create(input),
    'appointments.update': (input) => appointments.update(input),
    'appointments.cancel': ({ appointmentId }) => appointments.cancel(appointmentId),
    'appointments.checkIn': ({ appointmentId }) => appointments.checkIn(appointmentId),
    'appointments.checkOut': ({ appointmentId }) => appointments.checkOut(appointmentId),
    'automation.getRules': () => automationRules(context.settings.get()),
    'automation.saveRules': (change) => {
      const rules = saveAutomationRules(context.settings, change);
      automation.wake();
      return rules;
    },
  };
}
