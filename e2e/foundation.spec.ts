import { expectNoSeriousA11yViolations } from './axe';
import { expect, test } from './fixtures';

const SCREENSHOT = 'e2e/screenshots/foundation-card.png';

test('a new client with a pet can be found by the pet’s name, and the card says "Not asked"', async ({
  deskPage: page,
}) => {
  // The search screen, with results from the demo clients.
  const search = page.getByRole('combobox', { name: 'Search clients' });
  await search.fill('a');
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'search');
  await search.fill('');

  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByRole('dialog', { name: 'New client' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('First name')).toBeFocused();
  await expectNoSeriousA11yViolations(page, 'new client form');

  await form.getByLabel('First name').fill('Marisol');
  await form.getByLabel('Last name').fill('Quintero');
  await form.getByLabel('Phone 1 number').fill('(646) 555-0199');
  await form.getByLabel('Pet 1 name').fill('Zanzibar');
  await form.getByLabel('Pet 1 species').fill('Dog');
  await form.getByLabel('Pet 1 breed').fill('Beagle');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(form).toBeHidden();

  // Find them by the pet's name, as typed so far, and open the card with the keyboard.
  await page.keyboard.press('Control+k');
  await expect(search).toBeFocused();
  await search.fill('Zanzi');
  const result = page.getByRole('option', { name: /Marisol Quintero/ });
  await expect(result).toBeVisible();
  await expect(result).toContainText('Zanzibar');
  await expect(result).toContainText('(646) 555-0199');
  await expect(result).toContainText('Not asked');
  await search.press('ArrowDown');
  await expect(result).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');

  const card = page.getByRole('article', { name: 'Marisol Quintero' });
  await expect(card).toBeVisible();
  await expect(card.getByText('Zanzibar')).toBeVisible();
  await expect(card.getByText('Dog · Beagle')).toBeVisible();
  const phone = card.getByRole('listitem').filter({ hasText: '(646) 555-0199' });
  await expect(phone).toContainText('mobile');
  await expect(phone).toContainText('Texts go here');
  const tag = phone.locator('[data-consent]');
  await expect(tag).toHaveText('Not asked');
  await expect(tag).toHaveAttribute('data-consent', 'unknown');
  await expectNoSeriousA11yViolations(page, 'client card');
  await page.screenshot({ path: SCREENSHOT });
});

test('the form names each problem beside its field and moves focus to the first', async ({
  deskPage: page,
}) => {
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByRole('dialog', { name: 'New client' });
  await form.getByLabel('Pet 1 species').fill('Cat');
  await form.getByRole('button', { name: 'Add client' }).click();

  // Checked in the page first: every problem at once.
  const firstName = form.getByLabel('First name');
  await expect(firstName).toBeFocused();
  await expect(firstName).toHaveAttribute('aria-invalid', 'true');
  await expect(firstName).toHaveAccessibleDescription('First name cannot be blank');
  await expect(form.getByLabel('Pet 1 name')).toHaveAccessibleDescription('Pet name cannot be blank');
  await expectNoSeriousA11yViolations(page, 'form with errors');

  // Then by the desk: a number that is not in use comes back on its field.
  await firstName.fill('Ada');
  await form.getByLabel('Pet 1 name').fill('Mittens');
  const number = form.getByLabel('Phone 1 number');
  await number.fill('(555) 010-4477');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(number).toBeFocused();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(number).toHaveAccessibleDescription(/not a US number in use/);

  // Tab and Shift+Tab stay inside the dialog.
  await firstName.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByRole('button', { name: 'Add client' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(firstName).toBeFocused();

  // Esc closes the dialog and focus returns to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(page.getByRole('button', { name: 'New client' })).toBeFocused();
});

test('editing a client changes the card', async ({ deskPage: page }) => {
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByRole('dialog', { name: 'New client' });
  await form.getByLabel('First name').fill('Theo');
  await form.getByLabel('Pet 1 name').fill('Biscotti');
  await form.getByRole('button', { name: 'Add client' }).click();

  const card = page.getByRole('article', { name: 'Theo' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Theo' });
  await edit.getByLabel('Last name').fill('Okafor');
  await edit.getByRole('button', { name: '+ Add a pet' }).click();
  await edit.getByLabel('Pet 2 name').fill('Crumb');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();

  const updated = page.getByRole('article', { name: 'Theo Okafor' });
  await expect(updated.getByText('Biscotti')).toBeVisible();
  await expect(updated.getByText('Crumb')).toBeVisible();
  await expect(updated.getByText('No phone number yet.', { exact: false })).toBeVisible();
});
