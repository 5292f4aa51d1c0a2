import { renderTemplate, templateFor, type SystemTemplateKind } from '../../shared/templates';
import type { Settings } from '../settings/settings';

/** The app's own texts (request, confirmations, help), from the staff's templates or the defaults. */
export function renderSystemText(
  settings: Settings,
  kind: SystemTemplateKind,
  clientFirstName?: string,
): string {
  return renderTemplate(templateFor(kind, settings.templates), {
    businessName: settings.businessName,
    businessEmail: settings.businessEmail,
    businessPhone: settings.businessPhone,
    clientFirstName: clientFirstName ?? 'there',
  });
}
