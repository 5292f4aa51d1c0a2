import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../desk';
import { openDemoCoreDesk, type DemoCoreDesk } from '../testing/demo-core-desk';

let core: DemoCoreDesk;
let desk: Desk;

beforeEach(async () => {
  core = await openDemoCoreDesk();
  desk = core.desk;
});

afterEach(() => core.close());

describe('settings API', () => {
  it('updates business details and refuses bad ones naming the field', async () => {
    const saved = await desk.request('settings.update', {
      businessName: 'Paws & Claws',
      timeZone: 'America/Chicago',
    });
    expect(saved).toMatchObject({ businessName: 'Paws & Claws', timeZone: 'America/Chicago' });
    expect(await desk.call('settings.update', { businessName: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'businessName' },
    });
    expect(await desk.call('settings.update', { timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { field: 'timeZone' },
    });
    expect(await desk.call('settings.update', { sendingHoursStart: '21:00' })).toMatchObject({
      ok: false,
      error: { field: 'sendingHoursEnd', message: expect.stringMatching(/open before they close/) },
    });
    expect(await desk.call('settings.update', { businessEmail: 'not an email' })).toMatchObject({
      ok: false,
    });
    // The automation rules form keeps the same rule: no window past midnight (quiet hours).
    expect(
      await desk.call('automation.saveRules', { sendingHoursStart: '20:00', sendingHoursEnd: '02:00' }),
    ).toMatchObject({ ok: false, error: { field: 'sendingHoursEnd' } });
  });

  it('refuses a request template without YES/STOP/HELP and one asking for an opt-out word', async () => {
    const missing = await desk.call('templates.save', {
      kind: 'opt_in_request',
      text: '{businessName}: text us!',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const cancel = await desk.call('templates.save', {
      kind: 'opt_in_confirmation',
      text: "{businessName}: You're in! Reply CANCEL to cancel your booking. Msg & data rates may apply. Reply HELP for help, STOP to opt out.",
    });
    expect(cancel).toMatchObject({ ok: false, error: { message: expect.stringMatching(/CANCEL/) } });
    const preview = await desk.request('templates.preview', { kind: 'opt_in_request', text: 'Hi' });
    expect(preview.problems.length).toBeGreaterThan(0);
  });

  it('saves a valid template, uses it for the app texts, and goes back to the default on blank', async () => {
    const text =
      "{businessName}: May we text you about {clientFirstName}'s pets? Reply YES to opt in, STOP to opt out, HELP for help. Msg & data rates may apply.";
    const saved = await desk.request('templates.save', { kind: 'opt_in_request', text });
    expect(saved).toMatchObject({ isDefault: false, text });
    expect(saved.preview.text).toContain('Happy Tails Pet Resort');
    expect(saved.preview.segments?.segments).toBe(1);
    const reset = await desk.request('templates.save', { kind: 'opt_in_request', text: null });
    expect(reset.isDefault).toBe(true);
  });

  it('pushes the HELP answer to the carrier, after which the desk does not answer HELP twice', async () => {
    const settings = await desk.request('settings.pushHelpToCarrier', {});
    expect(settings.helpAnsweredByCarrier).toBe(true);
    // Changing the business details makes the carrier's copy stale: the desk answers again until re-pushed.
    const changed = await desk.request('settings.update', { businessPhone: '(555) 010-9999' });
    expect(changed.helpAnsweredByCarrier).toBe(false);
  });
});

describe('desk status', () => {
  it('reports the carrier connection and the waiting and held counts on request', async () => {
    const status = await desk.request('desk.syncStatus', {});
    expect(status).toMatchObject({ carrierMode: 'demo', waiting: 0, held: 0 });
    await core.desk.loops.sync.syncNow();
    expect(await desk.request('desk.syncStatus', {})).toMatchObject({
      online: true,
      lastSyncAt: core.clock.now(),
    });
  });
});
