/** Steps the end-to-end specs share: what a receptionist does first on most screens. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The carrier moves texts queued → sent → delivered over a few real seconds, and the poller follows. */
export const CARRIER_TIMEOUT = 20_000;

export const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png` });

/** Finds a client by typing in the search box and opens their card. */
export async function openCard(page: Page, query: string, name: string) {
  await page.getByRole('combobox', { name: 'Search clients' }).fill(query);
  await page.getByRole('option', { name: new RegExp(name) }).click();
  const card = page.getByRole('article', { name });
  await expect(card).toBeVisible();
  return card;
}
