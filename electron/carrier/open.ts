/**
 * Opens the desk's carrier: Telnyx when there are credentials, otherwise the built-in demo carrier on
 * 127.0.0.1 with the same Telnyx SDK adapter pointed at it. Either way the desk gets one SwitchableCarrier that
 * can be re-pointed when credentials are saved or cleared.
 */
import type { Clock } from '../core/clock';
import type { Log } from '../core/log';
import type { Carrier } from './carrier';
import type { CarrierCredentials, CredentialStore } from './credentials';
import { startDemoCarrier, type DemoCarrier, type DemoCarrierOptions } from './simulator/server';
import { SwitchableCarrier } from './switchable';
import { createTelnyxCarrier } from './telnyx';

export interface OpenedCarrier {
  readonly carrier: SwitchableCarrier;
  /** The demo carrier while the desk runs on it; null on Telnyx. */
  readonly demo: DemoCarrier | null;
  /** Re-points the carrier: Telnyx with these credentials, or the demo carrier for null. */
  useCredentials(credentials: CarrierCredentials | null): Promise<void>;
  /** Stops the demo carrier, if one runs. */
  close(): Promise<void>;
}

export interface OpenCarrierOptions {
  /** The credentials themselves, or the store to load them from; none means the demo carrier. */
  credentials: CarrierCredentials | CredentialStore | null;
  clock?: Clock;
  log: Log;
  /** The demo carrier's port; 0 (the default) picks a free one. */
  demoPort?: number;
  /** More demo carrier settings (its business number, whether it confirms STOP itself). */
  demoOptions?: Omit<DemoCarrierOptions, 'port' | 'clock'>;
  /** Telnyx's address; tests point it at a second demo carrier standing in for Telnyx. */
  telnyxBaseURL?: string;
  /** Per-call timeout for the SDK. */
  timeoutMs?: number;
}

export async function openCarrier(options: OpenCarrierOptions): Promise<OpenedCarrier> {
  let demo: DemoCarrier | null = null;
  let closed = false;
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };

  async function carrierFor(credentials: CarrierCredentials | null): Promise<Carrier> {
    if (credentials) {
      options.log.info('Carrier: Telnyx', { messagingProfileId: credentials.messagingProfileId });
      return createTelnyxCarrier({
        apiKey: credentials.apiKey,
        messagingProfileId: credentials.messagingProfileId,
        mode: 'telnyx',
        ...(options.telnyxBaseURL === undefined ? {} : { baseURL: options.telnyxBaseURL }),
        ...timeout,
      });
    }
    demo ??= await startDemoCarrier({
      ...options.demoOptions,
      port: options.demoPort ?? 0,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    options.log.info('Carrier: the demo carrier (no Telnyx credentials yet)', { url: demo.url });
    return createTelnyxCarrier({
      apiKey: demo.apiKey,
      baseURL: demo.baseURL,
      messagingProfileId: demo.messagingProfileId,
      mode: 'demo',
      ...timeout,
    });
  }

  const carrier = new SwitchableCarrier(await carrierFor(loadCredentials(options.credentials)));
  let switching: Promise<void> = Promise.resolve();

  return {
    carrier,
    get demo() {
      return demo;
    },
    useCredentials(credentials) {
      const step = async () => {
        if (closed) throw new Error('The carrier is closed.');
        carrier.pointAt(await carrierFor(credentials));
        if (credentials && demo) {
          const retired = demo;
          demo = null;
          await retired.close();
        }
      };
      switching = switching.then(step, step);
      return switching;
    },
    async close() {
      closed = true;
      await switching.catch(() => undefined);
      const running = demo;
      demo = null;
      await running?.close();
    },
  };
}

function loadCredentials(source: CarrierCredentials | CredentialStore | null): CarrierCredentials | null {
  if (source === null) return null;
  return 'load' in source ? source.load() : source;
}
