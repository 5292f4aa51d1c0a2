import { z } from 'zod';
import {
  apiContract,
  isApiMethod,
  type ApiMethod,
  type ApiOutput,
  type ApiParsedInput,
} from '../../shared/api';
import { DeskError, type Result } from '../../shared/errors';
import type { Log } from '../core/log';

export interface CallContext {
  /** The staff member at this workstation, where known; recorded in the ledger when a person acts. */
  staffName?: string;
}

export type Handler<M extends ApiMethod> = (
  input: ApiParsedInput<M>,
  context: CallContext,
) => ApiOutput<M> | Promise<ApiOutput<M>>;

export type Handlers = { [M in ApiMethod]: Handler<M> };

/**
 * The single entry for every API call from any transport: checks the method exists, parses the input with its
 * schema, runs the handler and wraps the outcome in a result envelope. Nothing thrown escapes as a crash.
 */
export async function dispatch(
  handlers: Handlers,
  methodName: unknown,
  rawInput: unknown,
  context: CallContext,
  log: Log,
): Promise<Result<unknown>> {
  if (!isApiMethod(methodName)) {
    return {
      ok: false,
      error: { code: 'not_found', message: `Unknown API method "${String(methodName)}".` },
    };
  }
  const parsed = apiContract[methodName].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: zodErrorToShape(parsed.error) };
  try {
    const handler = handlers[methodName] as Handler<typeof methodName>;
    const value = await handler(parsed.data as never, context);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DeskError) return { ok: false, error: error.toShape() };
    log.error('API handler failed', { method: methodName, error: String((error as Error)?.stack ?? error) });
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `Something went wrong in ${methodName}; nothing was lost. The details are in the log.`,
      },
    };
  }
}

export function zodErrorToShape(error: z.ZodError): {
  code: 'invalid_input';
  message: string;
  field?: string;
} {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'The input is not valid.';
  return field === undefined ? { code: 'invalid_input', message } : { code: 'invalid_input', message, field };
}
