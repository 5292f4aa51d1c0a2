import { useId, useState, type FormEvent } from 'react';
import type { Client } from '../../../../shared/api/clients';
import { call, DeskError } from '../../api';
import { Button } from '../../components/Button';
import { useDeskStore } from '../../stores/desk-store';
import { useDeskQuery } from '../../stores/useDeskQuery';

const QUICK_REPLIES = ['YES', 'STOP', 'HELP'] as const;

interface Pending {
  e164: string;
  /** Texts from that number when the reply went: more than this means the desk has picked it up. */
  inboundBefore: number;
}

/**
 * Demo carrier only: answer as the client, to watch tags, held texts and the thread change. The reply reaches
 * the desk at its next sync poll, so the panel says so until it shows up in the thread.
 */
export function SimulateReply({ client }: { client: Client }) {
  const carrierMode = useDeskStore((state) => state.info?.carrierMode);
  if (carrierMode !== 'demo' || client.phones.length === 0) return null;
  return <SimulatePanel client={client} />;
}

function SimulatePanel({ client }: { client: Client }) {
  const ids = useId();
  const [e164, setE164] = useState(
    (client.phones.find((phone) => phone.isTexting) ?? client.phones[0])!.e164,
  );
  const [text, setText] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const thread = useDeskQuery(`thread:${client.id}`, () => call('sms.thread', { clientId: client.id }));
  const inboundFrom = (number: string) =>
    thread.value?.filter((message) => message.direction === 'inbound' && message.e164 === number).length ?? 0;
  const waiting = pending !== null && inboundFrom(pending.e164) <= pending.inboundBefore;

  const reply = async (words: string) => {
    if (words.trim().length === 0 || busy) return;
    setBusy(true);
    setError(null);
    const before = inboundFrom(e164);
    try {
      await call('demo.simulateReply', { e164, text: words });
      setPending({ e164, inboundBefore: before });
      setText('');
    } catch (caught) {
      setError(caught instanceof DeskError ? caught.message : (caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void reply(text);
  };

  return (
    <section className="card-section simulate" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Simulate client reply</h3>
      <p className="simulate-intro">
        Demo carrier: answer as {client.firstName} would from their phone. Nothing reaches a real phone.
      </p>
      <form className="simulate-form" onSubmit={onSubmit}>
        {client.phones.length > 1 && (
          <label className="simulate-from">
            <span>From</span>
            <select value={e164} onChange={(event) => setE164(event.target.value)}>
              {client.phones.map((phone) => (
                <option key={phone.id} value={phone.e164}>
                  {phone.display} · {phone.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="simulate-quick" role="group" aria-label="Quick replies">
          {QUICK_REPLIES.map((word) => (
            <Button key={word} small disabled={busy} onClick={() => void reply(word)}>
              Reply {word}
            </Button>
          ))}
        </div>
        <div className="simulate-free">
          <label htmlFor={`${ids}-text`} className="visually-hidden">
            Client’s reply
          </label>
          <input
            id={`${ids}-text`}
            value={text}
            maxLength={1600}
            placeholder="Or type what the client writes…"
            autoComplete="off"
            onChange={(event) => setText(event.target.value)}
          />
          <Button type="submit" small disabled={busy || text.trim().length === 0}>
            Send as the client
          </Button>
        </div>
      </form>
      <p role="status" className="simulate-status">
        {waiting ? 'Sent as the client; the desk will pick it up at the next sync.' : ''}
      </p>
      {error && (
        <p role="alert" className="action-refused">
          {error}
        </p>
      )}
    </section>
  );
}
