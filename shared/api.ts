/**
 * The one API contract between the renderer and the desk core. The IPC handlers, the preload's `window.desk`,
 * the browser-mode host and the renderer's client are all built from this map; nothing restates it.
 * Each area keeps its methods in shared/api/<area>.ts.
 */
import type { z } from 'zod';
import { appointmentsApi } from './api/appointments';
import { carrierApi } from './api/carrier';
import { clientsApi } from './api/clients';
import { deskApi } from './api/desk';
import { messagesApi } from './api/messages';
import { settingsApi } from './api/settings';
import type { DeskEvent } from './api/events';
import type { Result } from './errors';

export const apiContract = {
  ...deskApi,
  ...clientsApi,
  ...carrierApi,
  ...messagesApi,
  ...settingsApi,
  ...appointmentsApi,
};

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
/** What a caller passes (before defaults are applied). */
export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
/** What a handler receives (after parsing). */
export type ApiParsedInput<M extends ApiMethod> = z.output<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = ApiContract[M]['output'];

export const API_METHODS = Object.keys(apiContract) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** What the preload exposes as `window.desk`, and what the browser-mode client imitates. */
export interface DeskBridge {
  /** `context.staffName`: the staff member chosen at this workstation, recorded where a person acts. */
  invoke(method: string, input: unknown, context?: { staffName?: string }): Promise<Result<unknown>>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
}

export * from './api/events';
