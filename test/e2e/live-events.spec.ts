// Main speaks first (issue 18), in the browser through the web host's event stream: a rotation whose grace period ends while its key
// screen is open removes the old key's row with no click, and a key made elsewhere (another window, the command line through the
// app's services) shows on the open screen. Waits are on the page, never a sleep.
import { expect, rowAction, test } from './fixtures';

test.use({ locale: 'en-GB', timezoneId: 'Europe/Madrid' });

/** A local date and time `ms` from now as a datetime-local input takes it (seconds included), in the page's own time zone. */
function localInputValue(page: import('@playwright/test').Page, ms: number): Promise<string> {
  return page.evaluate((ahead) => {
    const at = new Date(Date.now() + ahead);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  }, ms);
}

test('a rotation whose grace ends while the key screen is open: the old key’s row goes with no click', async ({ app: page, host, cloudmc }) => {
  const state = cloudmc.sim.state;
  const user = state.findUserByName('rwilson')!;
  // Never used: its retirement is not held for a question.
  const old = state.issueKey(user.id, { name: 'grace-ends-soon', creationDate: new Date(Date.now() - 20 * 86_400_000).toISOString() });
  await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();

  const oldRow = page.locator(`#key-row-${old.key.id}`);
  await expect(oldRow).toBeVisible();
  await rowAction(oldRow, 'Rotate API key').click();
  const dialog = page.getByRole('dialog', { name: 'Rotate API key' });
  await dialog.getByLabel('Grace period', { exact: true }).selectOption({ label: 'Until a date' });
  await dialog.getByLabel('Old key works until', { exact: true }).fill(await localInputValue(page, 12_000));
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(dialog).toHaveCount(0); // the dialog closes once main answered; the replacement's notification opens

  // Main answered while the grace period runs: the old key is still listed, retiring.
  await expect(oldRow.getByText('Retiring')).toBeVisible();
  expect(state.getKey(user.id, old.key.id)).toBeDefined();
  // Nothing else is clicked: main's timer revokes it and tells the window.
  await expect(oldRow).toHaveCount(0, { timeout: 30_000 });
  expect(state.getKey(user.id, old.key.id)).toBeUndefined();
  const replacement = state.listKeys(user.id).find((k) => k.name.startsWith('grace-ends-soon ('))!;
  await expect(page.locator(`#key-row-${replacement.id}`)).toBeVisible();
});

test('a key made elsewhere shows on the open key screen, with its one-time notification, with no click', async ({ app: page, host, cloudmc }) => {
  const profile = await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  await expect(page.getByRole('table')).toBeVisible();
  const made = await host.services.credentials.generate(profile.id, 'made-elsewhere', false);
  await expect(page.locator(`#key-row-${made.key.id}`)).toBeVisible();
  await expect(page.locator('#secret-notification')).toContainText('made-elsewhere');
  expect(await page.content()).not.toContain(made.secret);
  host.services.secretActions.dismiss(made.secretId);
  await expect(page.locator('#secret-notification')).toHaveCount(0);
});
