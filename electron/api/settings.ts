import type { DeskSettings, TemplateView } from '../../shared/api/settings';
import { DeskError } from '../../shared/errors';
import {
  DEFAULT_TEMPLATES,
  previewTemplate,
  SYSTEM_TEMPLATE_KINDS,
  TEMPLATE_LABELS,
  templateFor,
  type SystemTemplateKind,
} from '../../shared/templates';
import { CarrierError } from '../carrier/carrier';
import { renderSystemText } from '../consent/system-texts';
import type { DeskContext } from '../desk';
import { checkSendingHours } from '../automation/sending-hours';
import type { Settings } from '../settings/settings';
import { editedTemplates } from '../settings/template-edits';
import type { Handlers } from './dispatch';

type SettingsMethods =
  | 'settings.get'
  | 'settings.update'
  | 'templates.list'
  | 'templates.save'
  | 'templates.preview'
  | 'settings.pushHelpToCarrier';

export function settingsHandlers(context: DeskContext): Pick<Handlers, SettingsMethods> {
  const { settings } = context;
  return {
    'settings.get': () => deskSettings(settings.get()),
    'settings.update': (patch) => {
      const current = settings.get();
      checkSendingHours(
        patch.sendingHoursStart ?? current.sendingHoursStart,
        patch.sendingHoursEnd ?? current.sendingHoursEnd,
      );
      const next = settings.update(patch);
      // The carrier's copy of the HELP answer would now be stale: answer at the desk until it is pushed again.
      if (next.helpAnsweredByCarrier && (patch.businessName || patch.businessEmail || patch.businessPhone)) {
        return deskSettings(settings.update({ helpAnsweredByCarrier: false }));
      }
      return deskSettings(next);
    },
    'templates.list': () => SYSTEM_TEMPLATE_KINDS.map((kind) => templateView(settings.get(), kind)),
    'templates.save': ({ kind, text }) => {
      const current = settings.get();
      const templates = editedTemplates(current, { [kind]: text }, () => 'text');
      const next = settings.update({
        templates,
        ...(kind === 'help_reply' ? { helpAnsweredByCarrier: false } : {}),
      });
      return templateView(next, kind);
    },
    'templates.preview': ({ kind, text }) => previewFor(settings.get(), kind, text),
    'settings.pushHelpToCarrier': async () => {
      const text = renderSystemText(settings.get(), 'help_reply');
      try {
        await context.carrier.setHelpAutoResponse(text);
      } catch (error) {
        if (error instanceof CarrierError) {
          throw new DeskError('carrier_error', `The carrier did not take the HELP answer: ${error.message}`);
        }
        throw error;
      }
      return deskSettings(settings.update({ helpAnsweredByCarrier: true }));
    },
  };
}

function deskSettings(settings: Settings): DeskSettings {
  return {
    businessName: settings.businessName,
    businessEmail: settings.businessEmail,
    businessPhone: settings.businessPhone,
    timeZone: settings.timeZone,
    sendingHoursStart: settings.sendingHoursStart,
    sendingHoursEnd: settings.sendingHoursEnd,
    staffNames: settings.staffNames,
    heldManualExpiryHours: settings.heldManualExpiryHours,
    messagesPerSecond: settings.messagesPerSecond,
    carrierSendsOptOutConfirmation: settings.carrierSendsOptOutConfirmation,
    helpAnsweredByCarrier: settings.helpAnsweredByCarrier,
  };
}

function templateView(settings: Settings, kind: SystemTemplateKind): TemplateView {
  const text = templateFor(kind, settings.templates);
  return {
    kind,
    label: TEMPLATE_LABELS[kind],
    text,
    isDefault: text === DEFAULT_TEMPLATES[kind],
    defaultText: DEFAULT_TEMPLATES[kind],
    preview: previewFor(settings, kind, text),
  };
}

/** The preview uses this desk's own business details, so the count is what clients will be sent. */
function previewFor(settings: Settings, kind: SystemTemplateKind, text: string): TemplateView['preview'] {
  return previewTemplate(
    kind,
    text,
    {
      businessName: settings.businessName,
      businessEmail: settings.businessEmail,
      businessPhone: settings.businessPhone,
      clientFirstName: 'Alexandra',
    },
    { businessName: settings.businessName },
  );
}
