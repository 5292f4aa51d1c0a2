import type { ApiInput } from '../../../../shared/api';
import type { SendOutcome } from '../../../../shared/api/messages';
import { call, DeskError } from '../../api';
import { useDeskStore } from '../../stores/desk-store';

/** What a consent or sending action came to, in words for the person who pressed the button. */
export type ActionResult =
  { ok: true; outcome: SendOutcome } | { ok: false; message: string; code: string; field?: string };

async function act(run: () => Promise<SendOutcome>): Promise<ActionResult> {
  try {
    const outcome = await run();
    // Re-read at once rather than waiting for the desk's push.
    useDeskStore.getState().markChanged();
    return { ok: true, outcome };
  } catch (error) {
    if (error instanceof DeskError) {
      return error.field === undefined
        ? { ok: false, message: error.message, code: error.code }
        : { ok: false, message: error.message, code: error.code, field: error.field };
    }
    return { ok: false, message: (error as Error).message, code: 'internal' };
  }
}

export function requestOptIn(clientId: number, e164: string): Promise<ActionResult> {
  return act(() => call('consent.requestOptIn', { clientId, e164 }));
}

export function sendText(input: ApiInput<'sms.send'>): Promise<ActionResult> {
  return act(() => call('sms.send', input));
}

export function staffReRequest(clientId: number, e164: string, reason: string): Promise<ActionResult> {
  return act(() => call('consent.staffReRequest', { clientId, e164, reason }));
}
