import { useState } from 'react';
import type { HeldItem } from '../../../../shared/api/messages';
import { call, DeskError } from '../../api';
import { useDeskStore } from '../../stores/desk-store';
import { requestOptIn } from '../sms/actions';

export interface HeldFeedback {
  ok: boolean;
  text: string;
}

/** The held list's three actions, each saying what came of it (a refusal keeps the desk's reason). */
export function useHeldActions() {
  const [feedback, setFeedback] = useState<HeldFeedback | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const who = (item: HeldItem) => item.clientName ?? item.display;

  const run = async (item: HeldItem, work: () => Promise<string>) => {
    setBusyId(item.messageId);
    setFeedback(null);
    try {
      setFeedback({ ok: true, text: await work() });
      useDeskStore.getState().markChanged();
    } catch (error) {
      const message = error instanceof DeskError ? error.message : (error as Error).message;
      setFeedback({ ok: false, text: `${who(item)}: ${message}` });
    } finally {
      setBusyId(null);
    }
  };

  return {
    feedback,
    busyId,
    resend: (item: HeldItem) =>
      run(item, async () => {
        if (item.clientId === null) throw new DeskError('not_found', 'This number is on no client card.');
        const answer = await requestOptIn(item.clientId, item.e164);
        if (!answer.ok) throw new DeskError('conflict', answer.message);
        return `Opt-in request sent to ${who(item)} at ${item.display}.`;
      }),
    cancel: (item: HeldItem) =>
      run(item, async () => {
        await call('held.cancel', { messageId: item.messageId });
        return `Cancelled the held text to ${who(item)}.`;
      }),
    release: (item: HeldItem) =>
      run(item, async () => {
        const view = await call('held.release', { messageId: item.messageId });
        return view.status === 'expired'
          ? `The text to ${who(item)} had expired, so it was not sent.`
          : `Released: the text to ${who(item)} is going out now.`;
      }),
  };
}
