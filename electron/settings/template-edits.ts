import { DeskError } from '../../shared/errors';
import { TEMPLATE_LABELS, validateTemplate, type TemplateKind } from '../../shared/templates';
import type { Settings } from './settings';

/**
 * The stored templates after staff edit some: a blank or null text goes back to the default; a text with any
 * problem (no YES/STOP/HELP in a request, an opt-out word asked for as a reply…) is refused with the reasons,
 * naming the template, and nothing is changed.
 */
export function editedTemplates(
  settings: Settings,
  edits: Partial<Record<TemplateKind, string | null>>,
  fieldOf: (kind: TemplateKind) => string,
): Record<string, string> {
  const changes: Record<string, string | null> = {};
  for (const [kind, text] of Object.entries(edits) as [TemplateKind, string | null | undefined][]) {
    if (text === null || text === undefined || text.trim().length === 0) {
      changes[kind] = null;
      continue;
    }
    const problems = validateTemplate(kind, text, { businessName: settings.businessName });
    if (problems.length > 0) {
      throw new DeskError(
        'invalid_input',
        `The ${TEMPLATE_LABELS[kind].toLowerCase()} template cannot be saved. ${problems.join(' ')}`,
        fieldOf(kind),
      );
    }
    changes[kind] = text;
  }
  return Object.fromEntries(
    Object.entries({ ...settings.templates, ...changes }).filter(
      (entry): entry is [string, string] => entry[1] !== null,
    ),
  );
}
