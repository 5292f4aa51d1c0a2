/**
 * PRODUCT.md "Sending by hand", one test per behaviour, in browser mode against the demo carrier and its demo
 * clients (Emma Johnson opted in, Noah Brown pending, Sophia Garcia opted out, Mia Rodriguez never asked…).
 */
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { CARRIER_TIMEOUT, openCard, shot } from './desk-steps';
import { expect, test } from './fixtures';

async function openSms(page: Page, query: string, name: string) {
  const card = await openCard(page, query, name);
  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Text ${name}` });
  await expect(dialog).toBeVisible();
  return { card, dialog };
}

test('1 · search by pet name opens the card with its consent tag and the SMS button top right', async ({
  deskPage: page,
}) => {
  const search = page.getByRole('combobox', { name: 'Search clients' });
  await search.fill('Bella');
  const result = page.getByRole('option', { name: /Emma Johnson/ });
  await expect(result).toContainText('Opted in');
  await result.click();

  const card = page.getByRole('article', { name: 'Emma Johnson' });
  const header = card.locator('header');
  await expect(header.locator('[data-consent]')).toHaveText('Opted in');
  const sms = header.getByRole('button', { name: 'SMS', exact: true });
  await expect(sms).toBeVisible();
  // Top right: the SMS button's right edge lines up with the card header's.
  const [button, box] = [await sms.boundingBox(), await header.boundingBox()];
  expect(button!.x + button!.width).toBeGreaterThan(box!.x + box!.width - 40);
  expect(button!.y).toBeLessThan(box!.y + 40);

  await expect(page.getByRole('contentinfo', { name: 'Desk status' })).toContainText(
    'Demo carrier: no real texts are sent',
  );
  await expectNoSeriousA11yViolations(page, 'client card');
  await shot(page, 'sending-1-card');
});

test('2 · the SMS dialog shows the 10DLC notice and the number, and offers the client’s other mobile', async ({
  deskPage: page,
}) => {
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByRole('dialog', { name: 'New client' });
  await form.getByLabel('First name').fill('Ines');
  await form.getByLabel('Last name').fill('Varga');
  await form.getByLabel('Phone 1 number').fill('(646) 555-0177');
  await form.getByRole('button', { name: '+ Add a phone number' }).click();
  await form.getByLabel('Phone 2 number').fill('(917) 555-0178');
  await form.getByLabel('Pet 1 name').fill('Paprika');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(form).toBeHidden();

  const card = page.getByRole('article', { name: 'Ines Varga' });
  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Text Ines Varga' });
  await expect(dialog.getByTestId('tendlc-notice')).toContainText('10DLC');
  await expect(dialog.getByTestId('tendlc-notice')).toContainText('opted in');
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toBeFocused();
  const to = dialog.getByRole('combobox', { name: 'To' });
  await expect(to).toHaveValue('+16465550177');
  await expect(to.locator('option:checked')).toHaveText('(646) 555-0177 · mobile');
  await to.selectOption({ label: '(917) 555-0178 · mobile' });
  await expect(to).toHaveValue('+19175550178');
  await expect(dialog.locator('.sms-to [data-consent]')).toHaveText('Not asked');
  await expectNoSeriousA11yViolations(page, 'SMS dialog');
  await shot(page, 'sending-2-dialog');

  // Esc closes the dialog and gives focus back to the SMS button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('button', { name: 'SMS', exact: true })).toBeFocused();
});

test('3 · not opted in: a green request button; a typed message asks first, then the request goes and the message is held', async ({
  deskPage: page,
}) => {
  const { card, dialog } = await openSms(page, 'Coco', 'Mia Rodriguez');
  const request = dialog.getByRole('button', { name: 'Send opt-in request' });
  await expect(request).toBeEnabled();
  await expect(request).toHaveClass(/button-go/);

  await dialog.getByRole('textbox', { name: 'Message' }).fill('Coco’s nails are done, pick up any time.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = dialog.getByRole('note').filter({ hasText: 'Send the opt-in request first?' });
  await expect(confirm).toContainText('send the opt-in request now and hold your message');
  await expect(confirm.getByRole('button', { name: 'Send request and hold message' })).toBeFocused();
  await shot(page, 'sending-3-confirm');
  await confirm.getByRole('button', { name: 'Send request and hold message' }).click();

  await expect(dialog.getByRole('status').filter({ hasText: 'Opt-in request sent' })).toContainText(
    'held until the client replies YES',
  );
  await expect(dialog.locator('.sms-to [data-consent]')).toHaveText('Pending');
  await page.keyboard.press('Escape');

  const thread = card.getByRole('list', { name: 'Texts with Mia Rodriguez' });
  await expect(thread.getByRole('listitem').filter({ hasText: 'Opt-in request' })).toContainText('Reply YES');
  const held = thread.getByRole('listitem').filter({ hasText: 'Coco’s nails are done' });
  await expect(held).toHaveAttribute('data-status', 'held');
  await expect(held).toContainText('Waiting for the client to opt in');
  await expect(card.locator('header [data-consent]')).toHaveText('Pending');
});

test('4 · pending: a blue notice says the message will not be sent until they opt in; a second request within 24 h is refused with the reason', async ({
  deskPage: page,
}) => {
  const { dialog } = await openSms(page, 'Pistache', 'Chloé Lefèvre');
  await dialog.getByRole('button', { name: 'Send opt-in request' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Opt-in request sent.' })).toBeVisible();

  const panel = dialog.locator('[data-consent-panel="pending"]');
  await expect(panel.locator('.callout-info')).toContainText('will not be sent until Chloé opts in');
  const again = panel.getByRole('button', { name: 'Send opt-in request' });
  await expect(again).toBeDisabled();
  await expect(again).toHaveAccessibleDescription(/already went out in the last 24 hours/);
  await expect(panel).toContainText(/Last request sent Today/);

  await dialog.getByRole('textbox', { name: 'Message' }).fill('Your table is booked for Friday.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Held' })).toContainText(
    'will not be sent until the client opts in',
  );
  await expect(dialog.locator('.sent-item')).toContainText('Held');
  await expectNoSeriousA11yViolations(page, 'SMS dialog, pending');
  await shot(page, 'sending-4-pending');
});

test('5 · opted in: the text goes at once and its status follows to delivered', async ({
  deskPage: page,
}) => {
  const { card, dialog } = await openSms(page, 'Emma', 'Emma Johnson');
  await expect(dialog.locator('[data-consent-panel="opted_in"]')).toContainText('goes out at once');
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Bella had a great day, see you at 5!');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue('');

  const sent = dialog.locator('.sent-item').filter({ hasText: 'Bella had a great day' });
  await expect(sent).toHaveAttribute('data-status', /queued|sending|sent|delivered/);
  await expect(sent).toHaveAttribute('data-status', 'delivered', { timeout: CARRIER_TIMEOUT });
  await expect(sent).toContainText('Delivered');
  await shot(page, 'sending-5-delivered');
  await page.keyboard.press('Escape');

  const inThread = card
    .getByRole('list', { name: 'Texts with Emma Johnson' })
    .getByRole('listitem')
    .filter({ hasText: 'Bella had a great day' });
  await expect(inThread).toContainText('Delivered');
  await expectNoSeriousA11yViolations(page, 'client card with thread');
});

test('5 · opted in: a text the carrier cannot deliver shows as failed with the carrier’s reason', async ({
  deskPage: page,
  desk,
}) => {
  const fault = await page.request.post(`${desk.demoUrl}/__sim/faults`, {
    data: { failDelivery: { '+16465550101': '40008' } },
  });
  expect(fault.ok()).toBe(true);
  const { dialog } = await openSms(page, 'Luna', 'Liam Smith');
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Luna’s flea treatment is done.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  const sent = dialog.locator('.sent-item').filter({ hasText: 'Luna’s flea treatment' });
  await expect(sent).toHaveAttribute('data-status', 'failed', { timeout: CARRIER_TIMEOUT });
  await expect(sent).toContainText('Failed');
  await expect(sent).toContainText('The carrier could not deliver this text');
  await shot(page, 'sending-5-failed');
});

test('6 · opted out: nothing can be sent, the tag is red, and staff can record a request with a reason', async ({
  deskPage: page,
}) => {
  const { card, dialog } = await openSms(page, 'Sophia', 'Sophia Garcia');
  const tag = dialog.locator('.sms-to [data-consent]');
  await expect(tag).toHaveText('Opted out');
  await expect(tag).toHaveClass(/consent-opted-out/);
  await expect(dialog.locator('.callout-danger')).toContainText('nothing can be sent');
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Send opt-in request' })).toHaveCount(0);
  await expect(dialog).toContainText('must text START');
  await expectNoSeriousA11yViolations(page, 'SMS dialog, opted out');
  await shot(page, 'sending-6-opted-out');

  const record = dialog.getByRole('button', { name: 'Record request and send it' });
  await expect(record).toBeDisabled();
  await dialog.getByLabel('Sophia asked me to send texts again').check();
  await expect(record).toBeDisabled();
  await dialog.getByRole('textbox', { name: /Reason/ }).fill('Asked at drop-off to get pickup texts again');
  await record.click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Opt-in request sent.' })).toContainText(
    'must text START',
  );
  await expect(tag).toHaveText('Pending');
  await page.keyboard.press('Escape');
  await expect(card.locator('header [data-consent]')).toHaveText('Pending');
});

test('7 · tags: green opted in, red opted out, pending and not asked distinct, in results and on the card', async ({
  deskPage: page,
}) => {
  // Green only for opted in, red only for opted out; amber and grey for the two in between.
  const cases = [
    { query: 'Emma', name: 'Emma Johnson', label: 'Opted in', background: 'rgb(227, 243, 232)' },
    { query: 'Sophia', name: 'Sophia Garcia', label: 'Opted out', background: 'rgb(253, 233, 231)' },
    { query: 'Cooper', name: 'Noah Brown', label: 'Pending', background: 'rgb(255, 241, 207)' },
    { query: 'Coco', name: 'Mia Rodriguez', label: 'Not asked', background: 'rgb(236, 239, 243)' },
  ];
  for (const { query, name, label, background } of cases) {
    await page.getByRole('combobox', { name: 'Search clients' }).fill(query);
    const result = page.getByRole('option', { name: new RegExp(name) });
    const tag = result.locator('[data-consent]');
    await expect(tag).toHaveText(label);
    await expect(tag).toHaveCSS('background-color', background);
    await result.click();
    const onCard = page.getByRole('article', { name }).locator('header [data-consent]');
    await expect(onCard).toHaveText(label);
    await expect(onCard).toHaveCSS('background-color', background);
  }
  await shot(page, 'sending-7-tags');
});

test('8 · the composer counts characters and SMS segments, GSM-7 and UCS-2', async ({ deskPage: page }) => {
  const { dialog } = await openSms(page, 'Emma', 'Emma Johnson');
  const message = dialog.getByRole('textbox', { name: 'Message' });
  const meter = dialog.locator('.segment-meter');
  await expect(meter).toContainText('0 characters');

  await message.fill('See you at 3');
  await expect(meter).toContainText('12 characters · GSM-7 · 1 SMS segment');
  await expect(meter).toContainText('148 of 160 left');
  await message.fill('a'.repeat(160));
  await expect(meter).toContainText('160 characters · GSM-7 · 1 SMS segment');
  await message.fill('a'.repeat(161));
  await expect(meter).toContainText('161 characters · GSM-7 · 2 SMS segments');
  await expect(meter).toContainText('153 per segment');

  // One emoji turns the whole text UCS-2: 70 fit in one text, 67 per part.
  await message.fill(`Bella says hi 🐶`);
  await expect(meter).toContainText('UCS-2 (Unicode) · 1 SMS segment');
  await expect(meter).toContainText('of 70 left');
  await expect(meter).toContainText('because of “🐶”');
  await message.fill(`${'b'.repeat(70)}ł`);
  await expect(meter).toContainText('71 characters · UCS-2 (Unicode) · 2 SMS segments');
  await expect(meter).toContainText('67 per segment');
  await expect(message).toHaveAccessibleDescription(/71 characters/);
  await shot(page, 'sending-8-composer');
});
