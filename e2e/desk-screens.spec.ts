/**
 * The screens around sending: held texts (offline, and ten thousand of them), the review list of possible
 * opt-outs, and settings. Browser mode against the demo carrier.
 */
import type { Page } from '@playwright/test';
import type { HeldItem } from '../shared/api/messages';
import { expectNoSeriousA11yViolations } from './axe';
import { CARRIER_TIMEOUT, openCard, shot } from './desk-steps';
import { expect, test } from './fixtures';

async function sendFromCard(page: Page, query: string, name: string, body: string) {
  const card = await openCard(page, query, name);
  await card.getByRole('button', { name: 'SMS', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Text ${name}` });
  await dialog.getByRole('textbox', { name: 'Message' }).fill(body);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(dialog.locator('.sent-item').filter({ hasText: body })).toBeVisible();
  await page.keyboard.press('Escape');
  return card;
}

test('held texts: listed with why and until when, filtered, re-requested, cancelled, with the carrier down', async ({
  deskPage: page,
  desk,
}) => {
  // Noah and Priya are pending in the demo data: a typed text to them is held.
  await sendFromCard(page, 'Cooper', 'Noah Brown', 'Cooper’s grooming moved to Thursday 2 pm.');
  await sendFromCard(page, 'Simba', 'Priya Patel', 'Simba can come for daycare tomorrow.');
  const status = page.getByRole('contentinfo', { name: 'Desk status' });
  await expect(status).toContainText('2 held for consent', { timeout: CARRIER_TIMEOUT });

  await page.getByRole('button', { name: 'Held texts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Held texts' })).toBeVisible();
  await expect(page.getByText('2 held texts', { exact: true })).toBeVisible();
  const noah = page.locator('.held-row').filter({ hasText: 'Noah Brown' });
  await expect(noah).toContainText('(917) 555-0103');
  await expect(noah).toContainText('Waiting for the client to opt in');
  await expect(noah).toContainText(/Since Today/);
  await expect(noah).toContainText(/Expires in 3 days/);
  await expect(noah.getByRole('button', { name: 'Release' })).toHaveCount(0);

  // One click re-sends the request; the next, within 24 hours, is refused with the reason.
  await noah.getByRole('button', { name: 'Re-send opt-in request' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Opt-in request sent to Noah Brown' }),
  ).toBeVisible();
  await noah.getByRole('button', { name: 'Re-send opt-in request' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Noah Brown' })).toContainText(
    'already went out in the last 24 hours',
  );

  // The carrier goes away; the desk says so, and the held list still works from the local database.
  const down = await page.request.post(`${desk.demoUrl}/__sim/faults`, { data: { down: '503' } });
  expect(down.ok()).toBe(true);
  await expect(status).toContainText('Carrier offline', { timeout: CARRIER_TIMEOUT });
  await expectNoSeriousA11yViolations(page, 'held texts');
  await shot(page, 'screens-held');

  const filter = page.getByRole('searchbox', { name: 'Filter held texts' });
  await filter.fill('simba');
  await expect(page.getByText('1 held text matching “simba”')).toBeVisible();
  await expect(page.locator('.held-row')).toHaveCount(1);
  await filter.fill('');
  await expect(page.locator('.held-row')).toHaveCount(2);

  await noah.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Cancelled the held text to Noah Brown' }),
  ).toBeVisible();
  await expect(page.locator('.held-row')).toHaveCount(1);
  await expect(status).toContainText('1 held for consent');
});

test('held texts: ten thousand rows stay a short page and scroll to the last', async ({ deskPage: page }) => {
  const now = Date.now();
  const items: HeldItem[] = Array.from({ length: 10_000 }, (_, index) => ({
    messageId: index + 1,
    clientId: index + 1,
    clientName: `Client ${index + 1}`,
    e164: '+12125550100',
    display: '(212) 555-0100',
    consent: 'pending',
    kind: index % 3 === 0 ? 'automated' : 'manual',
    automation: index % 3 === 0 ? 'reminder' : null,
    body: `Reminder number ${index + 1}: your pet's appointment is coming up.`,
    reason: 'Waiting for the client to opt in',
    since: now - 60_000,
    expiresAt: now + 72 * 3_600_000,
    canRelease: false,
  }));
  await page.route('**/api/held.list', (route) => route.fulfill({ json: { ok: true, value: items } }));

  await page.getByRole('button', { name: 'Held texts', exact: true }).click();
  await expect(page.getByText('10,000 held texts', { exact: true })).toBeVisible();
  await expect(page.locator('.held-row').first()).toContainText('Client 1');
  // Only the rows in view (and a few either side) are in the page.
  expect(await page.locator('.held-row').count()).toBeLessThan(40);

  const list = page.getByLabel('Held texts list');
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(page.locator('.held-row').filter({ hasText: 'Client 10000' })).toBeVisible();
  expect(await page.locator('.held-row').count()).toBeLessThan(40);
  await expect(page.locator('.held-row[aria-posinset="10000"]')).toHaveAttribute('aria-setsize', '10000');
});

test('a possible opt-out waits on the review list with a count badge until staff decide', async ({
  deskPage: page,
}) => {
  // A text out first, so the poller checks for the reply every two seconds.
  const card = await sendFromCard(page, 'Max', 'Liam Smith', 'Max is ready for pickup.');
  await card.getByRole('textbox', { name: 'Client’s reply' }).fill('please stop');
  await card.getByRole('button', { name: 'Send as the client' }).click();

  const review = page.getByRole('button', { name: /^Review/ });
  await expect(review).toHaveAccessibleName(/^Review\W+1 to review$/, { timeout: CARRIER_TIMEOUT });
  await expect(card.getByRole('listitem').filter({ hasText: 'please stop' })).toContainText('May mean stop');
  await review.click();

  const row = page.getByRole('list', { name: 'Replies to review' }).getByRole('listitem');
  await expect(row).toContainText('Liam Smith');
  await expect(row).toContainText('(646) 555-0101');
  await expect(row).toContainText('please stop');
  await expectNoSeriousA11yViolations(page, 'review');
  await shot(page, 'screens-review');

  await row.getByRole('button', { name: 'Opt out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is now opted out' })).toBeVisible();
  await expect(page.getByText('Nothing to review.')).toBeVisible();
  await expect(review).toHaveAccessibleName('Review');

  await page.getByRole('combobox', { name: 'Search clients' }).fill('Max');
  await expect(page.getByRole('option', { name: /Liam Smith/ }).locator('[data-consent]')).toHaveText(
    'Opted out',
  );
});

test('settings: business details, staff at the desk, templates checked as typed, carrier test and ledger export', async ({
  deskPage: page,
}) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const business = page.getByRole('region', { name: 'Business' });
  await business.getByLabel('Business name').fill('Waggy Acres');
  await business.getByRole('button', { name: 'Save business details' }).click();
  await expect(business.getByRole('status').filter({ hasText: 'Business details saved.' })).toBeVisible();
  await expect(page.locator('.brand-business')).toHaveText('Waggy Acres');

  await business.getByLabel('Business email').fill('not an email');
  await business.getByRole('button', { name: 'Save business details' }).click();
  await expect(business.getByLabel('Business email')).toHaveAccessibleDescription(/not an email address/);

  const staff = page.getByRole('region', { name: 'Staff at this desk' });
  await staff.getByRole('button', { name: '+ Add a staff name' }).click();
  await staff.getByRole('textbox', { name: 'Staff name 2', exact: true }).fill('Dana');
  await staff.getByRole('button', { name: 'Save staff names' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'Staff names saved.' })).toBeVisible();
  const atDesk = page.getByRole('combobox', { name: 'At the desk' });
  await atDesk.selectOption('Dana');
  await expect(atDesk).toHaveValue('Dana');

  // Problems show while typing, checked by the desk; the preview counts segments as the text will be sent.
  const templates = page.getByRole('region', { name: 'The app’s own texts' });
  const request = templates.getByRole('textbox', { name: 'Opt-in request' });
  const editor = templates.locator('[data-template="opt_in_request"]');
  await expect(editor.locator('.segment-meter')).toContainText('SMS segment');
  await request.fill('Hi {clientFirstName}, want texts from {businessName}? Reply YES.');
  await expect(editor.locator('.template-problems')).toContainText('STOP');
  await expect(request).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByRole('button', { name: 'Save opt-in request' })).toBeDisabled();
  await request.fill(
    '{businessName}: hi {clientFirstName}, get booking texts from us? Reply YES to opt in, STOP to opt out, HELP for help. Msg & data rates may apply.',
  );
  await expect(editor.locator('.template-problems')).toContainText('Keeps the rules.');
  await expect(editor.locator('.template-preview-text')).toContainText('Waggy Acres: hi Alexandra');
  await editor.getByRole('button', { name: 'Save opt-in request' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Template saved.' })).toBeVisible();
  await request.fill(
    'Reply CANCEL to cancel your booking. {businessName}: reply YES, STOP, HELP. Msg & data rates may apply.',
  );
  await expect(editor.locator('.template-problems')).toContainText('CANCEL');
  await editor.scrollIntoViewIfNeeded();
  await shot(page, 'screens-settings-template');

  const carrier = page.getByRole('region', { name: 'Carrier' });
  await expect(carrier).toContainText('Demo carrier: no real texts are sent');
  await carrier.getByRole('button', { name: 'Test connection' }).click();
  await expect(carrier.getByRole('status').filter({ hasText: 'All is well' })).toContainText('demo carrier');
  await carrier.getByRole('button', { name: 'Push HELP answer to carrier' }).click();
  await expect(carrier.getByRole('status').filter({ hasText: 'the carrier now answers HELP' })).toBeVisible();

  const records = page.getByRole('region', { name: 'Records' });
  await records.getByRole('button', { name: 'Export consent ledger (CSV)' }).click();
  await expect(records.getByRole('status')).toContainText(/Saved \d+ rows to .+\.csv/);
  const download = page.waitForEvent('download');
  await records.getByRole('link', { name: /^Download / }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);

  await page.getByRole('heading', { name: 'Settings' }).scrollIntoViewIfNeeded();
  await expectNoSeriousA11yViolations(page, 'settings');
  await shot(page, 'screens-settings');
});
