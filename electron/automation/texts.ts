/** The words of an automated text: its template with the appointment's details filled in. */
import type { Automation } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { DEFAULT_TEMPLATES, renderTemplate, templateFor, type MergeValues } from '../../shared/templates';
import type { Log } from '../core/log';
import type { Settings } from '../settings/settings';
import { formatTextDate, formatTextTime, usableTimeZone } from './zoned-time';

export interface TextDetails {
  firstName: string;
  petName: string | null;
  service: string;
  startsAt: number;
}

export function mergeValues(details: TextDetails, settings: Settings): MergeValues {
  const timeZone = usableTimeZone(settings.timeZone);
  return {
    clientFirstName: details.firstName,
    petName: details.petName ?? 'your pet',
    service: details.service,
    date: formatTextDate(details.startsAt, timeZone),
    time: formatTextTime(details.startsAt, timeZone),
    businessName: settings.businessName,
    businessEmail: settings.businessEmail,
    businessPhone: settings.businessPhone,
  };
}

/**
 * The text to send. Staff templates are checked when saved, but one stored by an older version could still
 * fail to fill in; then the built-in template is used (and logged) rather than leaving the client untold.
 */
export function automatedText(
  automation: Automation,
  details: TextDetails,
  settings: Settings,
  log: Log,
): string {
  const values = mergeValues(details, settings);
  try {
    return renderTemplate(templateFor(automation, settings.templates), values);
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    log.warn('automated text template could not be filled in; using the default', {
      automation,
      problem: error.message,
    });
    return renderTemplate(DEFAULT_TEMPLATES[automation], values);
  }
}
