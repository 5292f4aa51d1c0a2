import { create } from 'zustand';
import { call, onEvent } from '../api';
import { arrivalsBetween, clientUnread, unknownUnread, type Arrivals, type UnreadCounts } from './unread';

interface InboxState {
  /** Unread texts from clients (the Clients tab's badge); null until first read. */
  clientUnread: number | null;
  /** Unread texts per client, for the "new texts" list. */
  byClient: UnreadCounts['byClient'];
  /** Possible opt-outs waiting for a decision (the Review tab's badge). */
  reviewOpen: number | null;
}

export const useInboxStore = create<InboxState>()(() => ({
  clientUnread: null,
  byClient: [],
  reviewOpen: null,
}));

type ArrivalListener = (arrivals: Arrivals) => void;
const arrivalListeners = new Set<ArrivalListener>();

/** Called when new texts arrived (not on the first reading): the notices listen here. */
export function onArrivals(listener: ArrivalListener): () => void {
  arrivalListeners.add(listener);
  return () => arrivalListeners.delete(listener);
}

let previous: { counts: UnreadCounts; unknown: number } | null = null;
let running = false;
let again = false;
let timer: number | undefined;

/** Reads the counts once; a request during a read runs one more read after it, never two at once. */
async function refresh(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      try {
        const [counts, senders, reviews] = await Promise.all([
          call('sms.unread', {}),
          call('sms.unknownSenders', {}),
          call('review.list', {}),
        ]);
        const next = { counts, unknown: unknownUnread(senders) };
        const arrivals = arrivalsBetween(previous, next);
        previous = next;
        useInboxStore.setState({
          clientUnread: clientUnread(counts, next.unknown),
          byClient: counts.byClient,
          reviewOpen: reviews.length,
        });
        if (arrivals.clientIds.length > 0 || arrivals.unknown) {
          for (const listener of [...arrivalListeners]) listener(arrivals);
        }
      } catch {
        // The desk is away for a moment; the status bar says so, and the next change reads again.
      }
    } while (again);
  } finally {
    running = false;
  }
}

/** Many pushes come in bursts (a sync page); one read a moment later answers them all. */
function scheduleRefresh(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void refresh(), 150);
}

let started = false;

export function startInboxStore(): void {
  if (started) return;
  started = true;
  onEvent('message.changed', scheduleRefresh);
  onEvent('consent.changed', scheduleRefresh);
  // The core announces decisions with the open count; new review items arrive with a message.changed.
  onEvent('review.changed', ({ openCount }) => useInboxStore.setState({ reviewOpen: openCount }));
  void refresh();
}
