import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './axe';
import { expect, test, type DeskHost } from './fixtures';

const SCREENSHOT = 'e2e/screenshots/automation.png';
const ZONE = 'America/New_York';
const NUMBER = '(646) 555-0142';

test.use({ deskOptions: { empty: true } });

/** Wall time in the business's zone, `days` from now: "2026-03-08" and "14:05". */
function businessNow(days = 0): { date: string; time: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(Date.now() + days * 24 * 60 * 60 * 1000);
  const part = (type: string) => parts.find((item) => item.type === type)!.value;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** The desk's API with this launch's key, for what the screen does not show (and the demo carrier's replies). */
async function api<T>(
  request: APIRequestContext,
  desk: DeskHost,
  method: string,
  input: unknown,
): Promise<T> {
  const response = await request.post(`${desk.origin}/api/${method}`, {
    headers: { 'x-desk-token': desk.token },
    data: input,
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value as T;
}

async function book(page: Page, service: string, date: string): Promise<void> {
  await page.getByRole('button', { name: 'Book appointment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book appointment' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox', { name: 'Find client' }).fill('Priya');
  await dialog.getByRole('button', { name: /Priya Natarajan/ }).click();
  await expect(dialog.getByLabel('Pet')).toHaveValue(/\d+/);
  await dialog.getByLabel('Service').fill(service);
  await dialog.getByLabel('Start').fill(`${date}T10:00`);
  await expect(dialog.getByLabel('End')).toHaveValue(`${date}T11:00`);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(dialog).toBeHidden();
}

function appointmentCard(page: Page, service: string): Locator {
  return page.getByRole('article').filter({ hasText: service });
}

test('two bookings for a new client: one opt-in request, two held confirmations, and YES sends both in order', async ({
  deskPage: page,
  desk,
}) => {
  // A new client with a mobile number that was never asked.
  await page.getByRole('button', { name: 'New client' }).click();
  const form = page.getByRole('dialog', { name: 'New client' });
  await form.getByLabel('First name').fill('Priya');
  await form.getByLabel('Last name').fill('Natarajan');
  await form.getByLabel('Phone 1 number').fill(NUMBER);
  await form.getByLabel('Pet 1 name').fill('Biscuit');
  await form.getByRole('button', { name: 'Add client' }).click();
  await expect(form).toBeHidden();

  await page
    .getByRole('navigation')
    .getByRole('button', { name: /^Appointments/ })
    .click();
  const screen = page.getByRole('region', { name: 'Appointments' });
  await expect(screen).toBeVisible();

  // Sending hours all day, so the test means the same at any hour it runs. Saved through the rules form, whose
  // live checks refuse a template that asks for an opt-out word.
  const rules = screen.getByRole('region', { name: 'Automation rules' });
  await rules.getByLabel('Sending hours from').fill('00:00');
  await rules.getByLabel('Sending hours until').fill('23:59');
  const reminder = rules.getByLabel('Reminder template');
  const reminderText = await reminder.inputValue();
  await reminder.fill('{businessName}: {petName} tomorrow at {time}. Reply CANCEL to cancel your booking.');
  await expect(reminder).toHaveAttribute('aria-invalid', 'true');
  await expect(rules.getByText(/read CANCEL as an opt-out/)).toBeVisible();
  await reminder.fill(reminderText);
  await expect(reminder).not.toHaveAttribute('aria-invalid', 'true');
  await expect(rules.getByText(/1 SMS segment/).first()).toBeVisible();
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(rules.getByRole('status')).toHaveText(/Rules saved/);

  // Two appointments, booked from the screen.
  await book(page, 'Grooming', businessNow(3).date);
  await expect(screen.getByRole('status').first()).toContainText(
    'Confirmation: held (Waiting for the client to opt in)',
  );
  await expectNoSeriousA11yViolations(page, 'appointments');
  await book(page, 'Daycare', businessNow(5).date);

  const grooming = appointmentCard(page, 'Grooming');
  const daycare = appointmentCard(page, 'Daycare');
  for (const card of [grooming, daycare]) {
    const confirmation = card.locator('[data-automation="confirmation"]');
    await expect(confirmation).toHaveAttribute('data-state', 'held');
    await expect(confirmation).toContainText('Waiting for the client to opt in');
    await expect(card.locator('[data-consent]')).toHaveAttribute('data-consent', 'pending');
    await expect(card.getByText(/Opt-in request sent/)).toBeVisible();
  }

  // Exactly one opt-in request went to the number: with the first confirmation, not the second.
  const list = await api<{ appointments: { clientId: number }[] }>(
    page.request,
    desk,
    'appointments.list',
    {},
  );
  const clientId = list.appointments[0]!.clientId;
  type ThreadMessage = {
    kind: string;
    automation: string | null;
    appointmentId: number | null;
    status: string;
    sentAt: number | null;
  };
  const thread = () => api<ThreadMessage[]>(page.request, desk, 'sms.thread', { clientId });
  expect((await thread()).filter((message) => message.kind === 'opt_in_request')).toHaveLength(1);

  // The client answers YES (the demo carrier's simulated reply); both held confirmations go out.
  await api(page.request, desk, 'demo.simulateReply', { e164: NUMBER, text: 'YES' });
  for (const card of [grooming, daycare]) {
    await expect(card.locator('[data-automation="confirmation"]')).toHaveAttribute(
      'data-state',
      /sent|delivered/,
      {
        timeout: 45_000,
      },
    );
    await expect(card.locator('[data-consent]')).toHaveAttribute('data-consent', 'opted_in');
  }
  const confirmations = (await thread()).filter((message) => message.automation === 'confirmation');
  const [first, second] = confirmations;
  expect(confirmations).toHaveLength(2);
  expect(first!.sentAt).not.toBeNull();
  expect(second!.sentAt).not.toBeNull();
  // In the order they were written: the first booking's confirmation left first.
  expect(first!.sentAt!).toBeLessThanOrEqual(second!.sentAt!);
  expect(first!.appointmentId!).toBeLessThan(second!.appointmentId!);

  await expectNoSeriousA11yViolations(page, 'appointments after opt-in');
  await screen.getByRole('heading', { name: 'Appointments', level: 2 }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: SCREENSHOT });
});
