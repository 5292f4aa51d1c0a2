/**
 * The ONE module that talks to the desk. In Electron it uses the preload's `window.desk` (IPC); in browser mode it
 * uses `POST /api/<method>` and Server-Sent Events from the local host. Nothing else in the renderer knows which.
 */
import type {
  ApiInput,
  ApiMethod,
  ApiOutput,
  DeskBridge,
  DeskEvent,
  DeskEventMap,
  DeskEventName,
} from '../../shared/api';
import { DeskError, type Result } from '../../shared/errors';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    desk?: DeskBridge;
  }
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface Transport {
  invoke(method: string, input: unknown, staffName: string | undefined): Promise<Result<unknown>>;
  /** Starts the one push channel; `onState` reports whether pushes are arriving. */
  subscribe(listener: (event: DeskEvent) => void, onState: (state: ConnectionState) => void): () => void;
}

const UNREACHABLE = 'FrontDesk SMS is not answering. If its window or terminal was closed, start it again.';

/** Electron: the preload's bridge, which already speaks in result envelopes. */
export function bridgeTransport(bridge: DeskBridge): Transport {
  return {
    invoke: (method, input, staffName) =>
      bridge.invoke(method, input, staffName === undefined ? {} : { staffName }),
    subscribe(listener, onState) {
      const unsubscribe = bridge.subscribe(listener);
      // IPC is up as long as the window exists.
      onState('connected');
      return unsubscribe;
    },
  };
}

interface EventSourceLike {
  onopen: ((this: EventSourceLike, event: Event) => unknown) | null;
  onerror: ((this: EventSourceLike, event: Event) => unknown) | null;
  onmessage: ((this: EventSourceLike, event: MessageEvent<string>) => unknown) | null;
  close(): void;
}

/** Browser mode: the local host's HTTP API; the launch key travels in a cookie the host set on page load. */
export function httpTransport(
  fetchImpl: typeof fetch,
  openEventSource: (url: string) => EventSourceLike,
): Transport {
  return {
    async invoke(method, input, staffName) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      // Header values cannot carry every letter of a name; the host decodes this.
      if (staffName !== undefined) headers['x-desk-staff'] = encodeURIComponent(staffName);
      let response: Response;
      try {
        response = await fetchImpl(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: UNREACHABLE } };
      }
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `The desk gave an answer that could not be read (HTTP ${response.status}).`,
          },
        };
      }
    },
    subscribe(listener, onState) {
      onState('connecting');
      const source = openEventSource('/api/events');
      source.onopen = () => onState('connected');
      // EventSource reconnects by itself; until it does, say so.
      source.onerror = () => onState('reconnecting');
      source.onmessage = (message) => {
        let event: DeskEvent;
        try {
          event = JSON.parse(message.data) as DeskEvent;
        } catch {
          return;
        }
        listener(event);
      };
      return () => source.close();
    },
  };
}

type AnyListener = (payload: unknown) => void;

export interface DeskClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  onEvent<E extends DeskEventName>(name: E, listener: (payload: DeskEventMap[E]) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  setStaffName(name: string | undefined): void;
}

/** Builds the client over a transport; the push channel opens once, on the first listener, and is shared. */
export function createDeskClient(transport: Transport): DeskClient {
  const listeners = new Map<DeskEventName, Set<AnyListener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'connecting';
  let started = false;
  let staffName: string | undefined;

  const start = () => {
    if (started) return;
    started = true;
    transport.subscribe(
      (event) => {
        for (const listener of [...(listeners.get(event.name) ?? [])]) listener(event.payload);
      },
      (state) => {
        connection = state;
        for (const listener of [...connectionListeners]) listener(state);
      },
    );
  };

  return {
    async call(method, input) {
      const result = await transport.invoke(method, input, staffName);
      if (!result.ok) throw new DeskError(result.error.code, result.error.message, result.error.field);
      return result.value as ApiOutput<typeof method>;
    },
    onEvent(name, listener) {
      const set = listeners.get(name) ?? new Set<AnyListener>();
      listeners.set(name, set);
      set.add(listener as AnyListener);
      start();
      return () => set.delete(listener as AnyListener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connection);
      start();
      return () => connectionListeners.delete(listener);
    },
    setStaffName(name) {
      staffName = name;
    },
  };
}

function defaultTransport(): Transport {
  if (typeof window !== 'undefined' && window.desk) return bridgeTransport(window.desk);
  return httpTransport(
    (input, init) => fetch(input, init),
    (url) => new EventSource(url) as unknown as EventSourceLike,
  );
}

const client = createDeskClient(defaultTransport());

/** Calls a desk method; throws a DeskError (code, message, field) when the desk refuses. */
export const call = client.call;
/** Listens to one push event; returns the function that stops listening. */
export const onEvent = client.onEvent;
export const onConnection = client.onConnection;
/** Who is at this workstation; sent with every call so the ledger can record who acted. */
export const setStaffName = client.setStaffName;

export { DeskError };
