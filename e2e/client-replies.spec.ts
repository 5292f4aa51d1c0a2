/**
 * PRODUCT.md "Replies from clients", acted out with the demo carrier: the card's "Simulate client reply" control
 * (demo.simulateReply) or the carrier's own control API for a number no client has. Replies reach the desk at
 * its next sync poll, so these wait for the app's own signals with the carrier's timeout.
 */
import type { Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { CARRIER_TIMEOUT, openCard, shot } from './desk-steps';
import { expect, test } from './fixtures';

/** Staff text a client who was never asked: the request goes out and the text is held. */
async function holdATextFor(page: Page, query: string, name: string, body: string) {
  const card = await openCard(page, query, name);
  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Text ${name}` });
  await dialog.getByRole('textbox', { name: 'Message' }).fill(body);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.getByRole('button', { name: 'Send request and hold message' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Opt-in request sent' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const held = card.getByRole('listitem').filter({ hasText: body });
  await expect(held).toHaveAttribute('data-status', 'held');
  return { card, held };
}

test('a held text goes out by itself when the client replies YES', async ({ deskPage: page }) => {
  const { card, held } = await holdATextFor(
    page,
    'Apollo',
    'Julian Wright',
    'Apollo is booked for a bath on Saturday at 10.',
  );
  await expect(page.getByRole('button', { name: 'Held texts', exact: true })).toBeVisible();

  // The "sent as the client" notice may come and go before a check could see it (the desk polls at once), so
  // the test waits for what the reply does.
  await card.getByRole('button', { name: 'Reply YES' }).click();
  await expect(card.locator('header [data-consent]')).toHaveText('Opted in', { timeout: CARRIER_TIMEOUT });
  await expect(card.getByRole('status').filter({ hasText: 'Sent as the client' })).toHaveCount(0);
  await expect(held).toHaveAttribute('data-status', /queued|sending|sent|delivered/);
  await expect(card.getByRole('listitem').filter({ hasText: 'Opt-in confirmation' })).toBeVisible();
  await expect(card.getByRole('listitem').filter({ hasText: 'Opt-in reply' })).toContainText('YES');
  await expect(held).toHaveAttribute('data-status', 'delivered', { timeout: CARRIER_TIMEOUT });
  await shot(page, 'replies-yes-released');

  await page.getByRole('button', { name: 'Held texts', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Filter held texts' }).fill('Julian');
  await expect(page.getByText('No held text matches “Julian”.')).toBeVisible();
});

test('STOP turns the tag red and cancels the held texts', async ({ deskPage: page }) => {
  const { card, held } = await holdATextFor(page, 'Pumpkin', 'Grace Young', 'Pumpkin’s vaccines are due.');

  await card.getByRole('textbox', { name: 'Client’s reply' }).fill('STOP');
  await card.getByRole('button', { name: 'Send as the client' }).click();
  const tag = card.locator('header [data-consent]');
  await expect(tag).toHaveText('Opted out', { timeout: CARRIER_TIMEOUT });
  await expect(tag).toHaveClass(/consent-opted-out/);
  await expect(held).toHaveAttribute('data-status', 'cancelled');
  await expect(held).toContainText('Cancelled: the client opted out');
  await expect(card.getByRole('listitem').filter({ hasText: 'Opt-out reply' })).toContainText('STOP');
  await expectNoSeriousA11yViolations(page, 'card after STOP');
  await shot(page, 'replies-stop');

  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Text Grace Young' });
  await expect(dialog.locator('.callout-danger')).toContainText('nothing can be sent');
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
});

test('HELP is answered with the business’s details', async ({ deskPage: page }) => {
  const card = await openCard(page, 'Kiwi', 'Camila Muñoz');
  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Text Camila Muñoz' });
  await dialog.getByRole('button', { name: 'Send opt-in request' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Opt-in request sent.' })).toBeVisible();
  await page.keyboard.press('Escape');

  await card.getByRole('button', { name: 'Reply HELP' }).click();
  const answer = card.getByRole('listitem').filter({ hasText: 'Help reply' });
  await expect(answer).toBeVisible({ timeout: CARRIER_TIMEOUT });
  await expect(answer).toContainText('Happy Tails Pet Resort');
  await expect(answer).toContainText('frontdesk@happytails.example');
  await expect(answer).toContainText('STOP');
  await expect(card.getByRole('listitem').filter({ hasText: 'Help request' })).toContainText('HELP');
  // Asking for help is not consent.
  await expect(card.locator('header [data-consent]')).toHaveText('Pending');
  await shot(page, 'replies-help');
});

test('a text from a number no client has is kept and shown as an unknown sender', async ({
  deskPage: page,
  desk,
}) => {
  // Staff text Emma, then turn to another screen; the poller checks every two seconds after a send.
  const card = await openCard(page, 'Bella', 'Emma Johnson');
  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Text Emma Johnson' });
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Bella is ready when you are.');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.locator('.sent-item')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Held texts', exact: true }).click();

  // Two texts arrive while her card is not on screen: one from a stranger, one from Emma.
  for (const data of [
    { from: '+13475550999', text: 'Hi, do you have room for a beagle next weekend?' },
    { from: '+12125550100', text: 'Running 10 minutes late for Bella' },
  ]) {
    const response = await page.request.post(`${desk.demoUrl}/__sim/inbound`, { data });
    expect(response.ok()).toBe(true);
  }

  const unknown = page.locator('[data-notice]').filter({ hasText: 'unknown number' });
  await expect(unknown).toContainText('New text from an unknown number, (347) 555-0999', {
    timeout: CARRIER_TIMEOUT,
  });
  await expect(unknown).toContainText('room for a beagle');
  const fromEmma = page.locator('[data-notice]').filter({ hasText: 'New text from Emma Johnson' });
  await expect(fromEmma).toContainText('Running 10 minutes late');
  const clients = page.getByRole('button', { name: /^Clients/ });
  await expect(clients).toHaveAccessibleName(/^Clients\W+1 unread$/);
  await shot(page, 'replies-notices');

  // Opening Emma's card shows the text and marks it read.
  await fromEmma.getByRole('button', { name: 'Open' }).click();
  await expect(card.getByRole('listitem').filter({ hasText: 'Running 10 minutes late' })).toBeVisible();
  await expect(clients).toHaveAccessibleName('Clients');

  await unknown.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name: 'Unknown senders' })).toBeVisible();
  const sender = page.getByRole('list', { name: 'Unknown senders' }).getByRole('listitem').first();
  await expect(sender).toContainText('(347) 555-0999');
  await expect(sender).toContainText('Unknown sender');
  await expect(sender).toContainText('Hi, do you have room for a beagle next weekend?');
  await expectNoSeriousA11yViolations(page, 'unknown senders');
  await shot(page, 'replies-unknown-sender');
});
