/** The automation rules staff edit: which texts are on, the reminder's lead time and the three templates. */
import type { AutomationRules } from '../../shared/api/appointments';
import { AUTOMATIONS, type Automation } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { DEFAULT_TEMPLATES, TEMPLATE_LABELS, templateFor, validateTemplate } from '../../shared/templates';
import type { Settings, SettingsStore } from '../settings/settings';
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
  /** The new text per template changed; null: back to the default. */
  const edits: Record<string, string | null> = {};
  for (const automation of AUTOMATIONS) {
    if (!change.templates || !(automation in change.templates)) continue;
    const text = change.templates[automation];
    if (text === null || text === undefined || text.trim().length === 0) {
      edits[automation] = null;
      continue;
    }
    const problems = validateTemplate(automation, text, { businessName: settings.businessName });
    if (problems.length > 0) {
      throw new DeskError(
        'invalid_input',
        `The ${TEMPLATE_LABELS[automation].toLowerCase()} template cannot be saved. ${problems.join(' ')}`,
        `templates.${automation}`,
      );
    }
    edits[automation] = text;
  }
  const patch: Partial<Settings> = {};
  if (Object.keys(edits).length > 0) {
    patch.templates = Object.fromEntries(
      Object.entries({ ...settings.templates, ...edits }).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    );
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
  const start = change.sendingHoursStart ?? settings.sendingHoursStart;
  const end = change.sendingHoursEnd ?? settings.sendingHoursEnd;
  const hoursChanged = change.sendingHoursStart !== undefined || change.sendingHoursEnd !== undefined;
  if (hoursChanged && start === end) {
    throw new DeskError(
      'invalid_input',
      'Sending hours must open and close at different times.',
      change.sendingHoursEnd === undefined ? 'sendingHoursStart' : 'sendingHoursEnd',
    );
  }
  if (change.sendingHoursStart !== undefined) patch.sendingHoursStart = change.sendingHoursStart;
  if (change.sendingHoursEnd !== undefined) patch.sendingHoursEnd = change.sendingHoursEnd;
  return automationRules(store.update(patch));
}
