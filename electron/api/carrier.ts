/**
 * The carrier area of the API: the settings screen's carrier section (credentials stored through the
 * CredentialStore, the live carrier re-pointed at once), "Test connection" in plain words, and simulated client
 * replies while the desk runs on the demo carrier.
 */
import { parsePhone } from '../../shared/phone';
import type { CarrierSettings, ConnectionCheck } from '../../shared/api/carrier';
import { DeskError } from '../../shared/errors';
import { CarrierError } from '../carrier/carrier';
import type { CarrierCredentials, CredentialStore } from '../carrier/credentials';
import type { OpenedCarrier } from '../carrier/open';
import type { DeskContext } from '../desk';
import type { Handlers } from './dispatch';

type CarrierHandlers = Pick<
  Handlers,
  | 'carrier.getSettings'
  | 'carrier.saveSettings'
  | 'carrier.clearSettings'
  | 'carrier.testConnection'
  | 'demo.simulateReply'
>;

type CarrierContext = Pick<DeskContext, 'carrier' | 'settings' | 'log' | 'pollSoon'> & {
  credentials?: CredentialStore;
  openedCarrier?: OpenedCarrier;
};

/** Telnyx API v2 keys are long; anything this short is a partial paste. */
const MIN_API_KEY_LENGTH = 16;

export function carrierHandlers(context: CarrierContext): CarrierHandlers {
  const getSettings = (): CarrierSettings => {
    const mode = context.carrier.mode;
    const saved = mode === 'telnyx' ? (context.credentials?.load() ?? null) : null;
    return {
      mode,
      messagingProfileId:
        saved?.messagingProfileId ?? context.openedCarrier?.demo?.messagingProfileId ?? null,
      sendingNumber: context.settings.get().sendingNumber,
      apiKeyLast4: saved ? saved.apiKey.slice(-4) : null,
      canChange: Boolean(context.credentials && context.openedCarrier),
    };
  };

  const switchable = () => {
    if (!context.credentials || !context.openedCarrier) {
      throw new DeskError(
        'conflict',
        'This desk was started with a fixed carrier, so its carrier settings cannot be changed here.',
      );
    }
    return { store: context.credentials, opened: context.openedCarrier };
  };

  return {
    'carrier.getSettings': getSettings,

    'carrier.saveSettings': async (input) => {
      const { store, opened } = switchable();
      const apiKey = input.apiKey || store.load()?.apiKey || '';
      if (!apiKey)
        throw new DeskError(
          'invalid_input',
          'API key is required: paste the key from the Telnyx portal.',
          'apiKey',
        );
      if (apiKey.length < MIN_API_KEY_LENGTH) {
        throw new DeskError(
          'invalid_input',
          'API key looks cut short; paste the whole key from the Telnyx portal.',
          'apiKey',
        );
      }
      const phone = parsePhone(input.sendingNumber);
      if (!phone.ok) throw new DeskError('invalid_input', `Sending number: ${phone.reason}`, 'sendingNumber');
      const credentials: CarrierCredentials = {
        apiKey,
        messagingProfileId: input.messagingProfileId.toLowerCase(),
        sendingNumber: phone.e164,
      };
      store.save(credentials);
      await opened.useCredentials(credentials);
      context.settings.update({ sendingNumber: credentials.sendingNumber });
      context.log.info('Carrier settings saved: now on Telnyx', {
        messagingProfileId: credentials.messagingProfileId,
      });
      return getSettings();
    },

    'carrier.clearSettings': async () => {
      const { store, opened } = switchable();
      store.clear();
      await opened.useCredentials(null);
      if (opened.demo) context.settings.update({ sendingNumber: opened.demo.businessNumber });
      context.log.info('Carrier settings cleared: back on the demo carrier');
      return getSettings();
    },

    'carrier.testConnection': async () => checkConnection(context),

    'demo.simulateReply': ({ e164, text }) => {
      const demo = context.carrier.mode === 'demo' ? context.openedCarrier?.demo : null;
      if (!demo) {
        throw new DeskError(
          'conflict',
          'Simulated replies work only on the demo carrier. This desk is connected to Telnyx, where replies come from real phones.',
        );
      }
      const phone = parsePhone(e164);
      if (!phone.ok) throw new DeskError('invalid_input', `Phone number: ${phone.reason}`, 'e164');
      const sendingNumber = context.settings.get().sendingNumber;
      const to = /^\+[1-9]\d{6,14}$/.test(sendingNumber) ? sendingNumber : undefined;
      const { carrierId } = demo.injectInbound(phone.e164, text, to);
      // A person trying the demo should see the reply land now, not at the next quiet-time poll.
      context.pollSoon();
      return { carrierId };
    },
  };
}

async function checkConnection(context: CarrierContext): Promise<ConnectionCheck> {
  const mode = context.carrier.mode;
  const name = mode === 'demo' ? 'The demo carrier' : 'Telnyx';
  try {
    await context.carrier.testConnection();
  } catch (error) {
    if (!(error instanceof CarrierError)) throw error;
    context.log.warn('Carrier connection test failed', { kind: error.kind, message: error.message });
    return { ok: false, mode, ...problemWords(error, mode) };
  }
  return {
    ok: true,
    mode,
    problem: null,
    message:
      mode === 'demo'
        ? 'All is well: the built-in demo carrier answers. Texts stay on this computer until Telnyx credentials are saved.'
        : `All is well: ${name} accepted the API key and the messaging profile.`,
  };
}

function problemWords(
  error: CarrierError,
  mode: 'demo' | 'telnyx',
): Pick<ConnectionCheck, 'problem' | 'message'> {
  switch (error.kind) {
    case 'auth':
      return {
        problem: 'key_rejected',
        message: 'Telnyx refused the API key. Check that it was copied in full and has not been revoked.',
      };
    case 'transient':
    case 'unknown_outcome':
      return {
        problem: 'unreachable',
        message:
          mode === 'demo'
            ? 'The demo carrier is not answering. Restart the app to start it again.'
            : 'Telnyx could not be reached. Check the internet connection, then try again.',
      };
    case 'rate_limited':
      return {
        problem: 'busy',
        message: 'Telnyx is busy right now (too many requests). Wait a minute and try again.',
      };
    default:
      return {
        problem: 'refused',
        message:
          error.details.status === 404
            ? 'Telnyx accepted the key but does not know this messaging profile ID. Check it in the Telnyx portal.'
            : `Telnyx refused the check: ${error.message}`,
      };
  }
}
