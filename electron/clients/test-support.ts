/** Shared set-up for the clients tests: a fresh database behind the real API handlers. */
import type { ApiInput, ApiMethod, ApiOutput, DeskEvent } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { clientsHandlers } from '../api/clients';
import { dispatch, type Handlers } from '../api/dispatch';
import { FakeClock } from '../core/clock';
import { DeskEvents } from '../core/events';
import { silentLog } from '../core/log';
import { openMemoryDatabase, type Db } from '../db/open';

export interface ClientsHarness {
  db: Db;
  clock: FakeClock;
  events: DeskEvent[];
  /** Calls an API method the way every transport does (untrusted input, result envelope). */
  call(method: ApiMethod, input: unknown): Promise<Result<unknown>>;
  /** Calls and unwraps, failing the test with the desk's message if the call was refused. */
  ok<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
}

export function clientsHarness(): ClientsHarness {
  const db = openMemoryDatabase();
  const clock = new FakeClock();
  const bus = new DeskEvents();
  const events: DeskEvent[] = [];
  bus.subscribe((event) => events.push(event));
  // Only the clients methods exist here; the others are never called.
  const handlers = clientsHandlers({ db, clock, events: bus }) as Handlers;
  const call = (method: ApiMethod, input: unknown) => dispatch(handlers, method, input, {}, silentLog);
  return {
    db,
    clock,
    events,
    call,
    async ok(method, input) {
      const result = await call(method, input);
      if (!result.ok) throw new Error(`${method} refused: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
  };
}

/** A client input with only what a test cares about filled in. */
export function clientFields(firstName: string, more: Partial<ApiInput<'clients.create'>> = {}) {
  return { firstName, ...more } satisfies ApiInput<'clients.create'>;
}
