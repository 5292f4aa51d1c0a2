/** The automation rules staff edit: which texts are on, the reminder's lead time and the three templates. */
import type { AutomationRules } from '../../shared/api/appointments';
import { AUTOMATIONS, type Automation } from '../../shared/domain';
import { DEFAULT_TEMPLATES, templateFor } from '../../shared/templates';
import type { Settings, SettingsStore } from '../settings/settings';
import { editedTemplates } from '../settings/template-edits';
import { checkSendingHours } from './sending-hours';
import { THANK_YOU_EXPIRY_DAYS } from './plan';
import { usableTimeZone } from './zoned-time';

export interface RulesChange {
  enabled?: Partial<Settings['automations']>;
  reminderLeadHours?: number;
  sendingHoursStart?: string;
  sendingHoursEnd?: string;
  /** null or blank: back to the default. */
  templates?: Partial<Record<Automation, string | null>>;
}

export function automationRules(settings: Settings): AutomationRules {
  const templates = Object.fromEntries(
    AUTOMATIONS.map((automation) => {
      const edited = settings.templates[automation];
      const isDefault = edited === undefined || edited.trim().length === 0;
      return [
        automation,
        {
          text: templateFor(automation, settings.templates),
          isDefault,
          defaultText: DEFAULT_TEMPLATES[automation],
        },
      ];
    }),
  ) as AutomationRules['templates'];
  return {
    enabled: { ...settings.automations },
    reminderLeadHours: settings.reminderLeadHours,
    thankYouExpiryDays: THANK_YOU_EXPIRY_DAYS,
    timeZone: usableTimeZone(settings.timeZone),
    sendingHoursStart: settings.sendingHoursStart,
    sendingHoursEnd: settings.sendingHoursEnd,
    businessName: settings.businessName,
    templates,
  };
}

/**
 * Saves a change to the rules. A template with any problem (an unknown merge field, or asking clients to reply
 * with an opt-out word such as "reply CANCEL to cancel your booking") is refused with the reasons, and
 * nothing of the change is saved.
 */
export function saveAutomationRules(store: SettingsStore, change: RulesChange): AutomationRules {
  const settings = store.get();
  const patch: Partial<Settings> = {};
  if (change.templates) {
    patch.templates = editedTemplates(settings, change.templates, (kind) => `templates.${kind}`);
  }
  if (change.enabled) {
    const { confirmation, reminder, thankYou } = change.enabled;
    patch.automations = {
      confirmation: confirmation ?? settings.automations.confirmation,
      reminder: reminder ?? settings.automations.reminder,
      thankYou: thankYou ?? settings.automations.thankYou,
    };
  }
  if (change.reminderLeadHours !== undefined) patch.reminderLeadHours = change.reminderLeadHours;
  if (change.sendingHoursStart !== undefined || change.sendingHoursEnd !== undefined) {
    checkSendingHours(
      change.sendingHoursStart ?? settings.sendingHoursStart,
      change.sendingHoursEnd ?? settings.sendingHoursEnd,
    );
  }
  if (change.sendingHoursStart !== undefined) patch.sendingHoursStart = change.sendingHoursStart;
  if (change.sendingHoursEnd !== undefined) patch.sendingHoursEnd = change.sendingHoursEnd;
  return automationRules(store.update(patch));
}
