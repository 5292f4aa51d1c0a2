/**
 * The whole desk core (createDesk: database, consent service, outbox, sync) against the demo carrier through
 * the real Telnyx SDK, on a fake clock shared with the carrier.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DemoCarrier } from './carrier/simulator/server';
import type { FakeClock } from './core/clock';
import { currentConsent } from './consent/ledger';
import type { Desk } from './desk';
import { openDemoCoreDesk, type DemoCoreDesk } from './testing/demo-core-desk';

const CLIENT = '+12125550177';

let core: DemoCoreDesk;
let clock: FakeClock;
let demo: DemoCarrier;
let desk: Desk;
let clientId: number;

beforeEach(async () => {
  core = await openDemoCoreDesk();
  ({ clock, demo, desk } = core);
  const client = await desk.request('clients.create', {
    firstName: 'Dana',
    lastName: 'Reyes',
    pets: [{ name: 'Biscuit', species: 'dog' }],
    phones: [{ number: '(212) 555-0177', label: 'mobile', isTexting: true }],
  });
  clientId = client.id;
});

afterEach(() => core.close());

/** A few seconds of carrier time with the loops run after each: the outbox sends one text a second. */
async function settle(seconds = 5): Promise<void> {
  for (let second = 0; second < seconds; second++) {
    await desk.loops.outbox.flush();
    await desk.loops.sync.syncNow();
    clock.advance(1_000);
  }
  await desk.loops.outbox.flush();
}

const toClient = () => demo.outbound().filter((record) => record.to === CLIENT);

describe('the desk core on the demo carrier', () => {
  it('request, held text, YES: the held text goes out after the confirmation-worthy opt-in, in order', async () => {
    const outcome = await desk.request('sms.send', {
      clientId,
      e164: CLIENT,
      body: 'Biscuit is ready for pick-up',
      holdUntilOptIn: true,
    });
    expect(outcome.status).toBe('held');
    await settle();
    expect(toClient().map((r) => r.text)).toEqual([expect.stringContaining('Reply YES to opt in')]);

    demo.injectInbound(CLIENT, 'Yes');
    clock.advance(1_000);
    await settle();
    expect(currentConsent(desk.context.db, CLIENT)).toBe('opted_in');
    expect(toClient().map((r) => r.text)).toEqual([
      expect.stringContaining('Reply YES to opt in'),
      expect.stringContaining("You're opted in"),
      'Biscuit is ready for pick-up',
    ]);
  });

  it('a send refused with 40300 marks the number opted out with source carrier, and nothing more is sent', async () => {
    await desk.request('consent.requestOptIn', { clientId, e164: CLIENT });
    await settle();
    demo.injectInbound(CLIENT, 'YES');
    clock.advance(1_000);
    await settle();
    expect(currentConsent(desk.context.db, CLIENT)).toBe('opted_in');

    // The client texts STOP; the carrier blocks at once, but the desk has not polled yet.
    demo.injectInbound(CLIENT, 'STOP');
    await desk.request('sms.send', { clientId, e164: CLIENT, body: 'Your invoice is ready' });
    clock.advance(1_000);
    await desk.loops.outbox.flush();

    expect(currentConsent(desk.context.db, CLIENT)).toBe('opted_out');
    const last = desk.context.db
      .prepare('SELECT source, to_state FROM consent_events WHERE e164 = ? ORDER BY id DESC LIMIT 1')
      .get(CLIENT);
    expect(last).toEqual({ source: 'carrier', to_state: 'opted_out' });
    const refused = await desk.request('sms.thread', { clientId });
    expect(refused.find((m) => m.body === 'Your invoice is ready')).toMatchObject({
      status: 'failed',
      errorCode: '40300',
    });

    const sendsBefore = toClient().length;
    const attempt = await desk.call('sms.send', { clientId, e164: CLIENT, body: 'One more thing' });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'consent_refused' } });
    clock.advance(60_000);
    await settle();
    // Only the carrier's own STOP confirmation came after; the desk sent nothing.
    expect(
      toClient()
        .slice(sendsBefore)
        .every((record) => record.autoReply !== null),
    ).toBe(true);
  });

  it("HELP is answered once with the business details; a stranger's text is kept as an unknown sender", async () => {
    demo.injectInbound(CLIENT, 'HELP');
    demo.injectInbound('+13125550199', 'Is this the groomer?');
    clock.advance(1_000);
    await settle();
    const help = toClient().filter((record) => record.autoReply === null);
    expect(help).toHaveLength(1);
    const settings = desk.context.settings.get();
    expect(help[0]!.text).toContain(settings.businessName);
    expect(help[0]!.text).toContain(settings.businessEmail);
    const unknown = await desk.request('sms.unknownSenders', {});
    expect(unknown).toEqual([
      expect.objectContaining({
        e164: '+13125550199',
        messages: [expect.objectContaining({ body: 'Is this the groomer?' })],
      }),
    ]);
  });
});

describe('unknown senders', () => {
  it('their texts can be marked read, and a client number cannot be marked through that door', async () => {
    demo.injectInbound('+13125550199', 'Is this the groomer?');
    demo.injectInbound(CLIENT, 'Hello from Dana');
    clock.advance(1_000);
    await settle(1);
    expect((await desk.request('sms.unread', {})).total).toBe(2);
    expect(await desk.request('sms.markNumberRead', { e164: '+13125550199' })).toEqual({ marked: 1 });
    expect(await desk.request('sms.markNumberRead', { e164: CLIENT })).toEqual({ marked: 0 });
    expect((await desk.request('sms.unread', {})).total).toBe(1);
  });
});
