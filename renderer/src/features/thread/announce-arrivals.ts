import type { MessageView } from '../../../../shared/api/messages';
import { call } from '../../api';
import { onArrivals } from '../../stores/inbox-store';
import { useNoticeStore } from '../../stores/notice-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { notifyDesktop } from './desktop-notification';

const EXCERPT = 140;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

function latestUnread(messages: readonly MessageView[]): MessageView | null {
  let latest: MessageView | null = null;
  for (const message of messages) {
    if (message.direction !== 'inbound' || message.readAt !== null) continue;
    if (!latest || message.createdAt >= latest.createdAt) latest = message;
  }
  return latest;
}

async function announceClients(clientIds: number[]): Promise<void> {
  const { screen, openClientId } = useWorkspaceStore.getState();
  // The open card shows the text itself (and marks it read): a notice on top would only repeat it.
  const others = clientIds.filter((id) => !(screen === 'clients' && id === openClientId));
  const first = others[0];
  if (first === undefined) return;
  const [clients, thread] = await Promise.all([
    Promise.all(others.slice(0, 3).map((clientId) => call('clients.get', { clientId }))),
    call('sms.thread', { clientId: first }),
  ]);
  const names = clients.map((client) => `${client.firstName} ${client.lastName}`.trim());
  const title = `New text from ${names.join(' / ')}`;
  const text = excerpt(latestUnread(thread)?.body ?? '');
  useNoticeStore.getState().push({ title, text, clientId: first, unknownSender: false });
  notifyDesktop(title, text);
}

async function announceUnknown(): Promise<void> {
  const senders = await call('sms.unknownSenders', {});
  let latest: { display: string; message: MessageView } | null = null;
  for (const sender of senders) {
    const message = latestUnread(sender.messages);
    if (message && (!latest || message.createdAt >= latest.message.createdAt)) {
      latest = { display: sender.display, message };
    }
  }
  if (!latest) return;
  const title = `New text from an unknown number, ${latest.display}`;
  const text = excerpt(latest.message.body);
  useNoticeStore.getState().push({ title, text, clientId: null, unknownSender: true });
  notifyDesktop(title, text);
}

let started = false;

/** Turns new arrivals into an in-app notice (and a system notification in the Electron app). Once. */
export function startAnnouncingArrivals(): void {
  if (started) return;
  started = true;
  onArrivals((arrivals) => {
    if (arrivals.clientIds.length > 0) void announceClients(arrivals.clientIds).catch(() => undefined);
    if (arrivals.unknown) void announceUnknown().catch(() => undefined);
  });
}
