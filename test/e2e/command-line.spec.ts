// The command line while the app runs (issue 21, item 1; issue 18's "a key made by the CLI shows on the open screen"): the web host
// plays the desktop app (writer lock, channel), a real CLI child process generates a key, and its row appears with no click.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs `npm run cli -- ...`'s entry as a child process (node with tsx's loader) to its end, `input` on its stdin (a pipe). */
function runCli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/cli/main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test.use({ locale: 'en-GB' });

test('a key generated on the command line shows on the open key screen, with no click', async ({ app: page, host, cloudmc, dataDir }) => {
  await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  await expect(page.getByRole('table')).toBeVisible();

  const result = await runCli(['--data-dir', dataDir, 'keys', 'generate', '--profile', 'Acme', '--name', 'made-on-the-cli']);
  expect(result.stderr).toContain('Working through the desktop app');
  expect(result.code).toBe(0);

  const user = cloudmc.sim.state.findUserByName('rwilson')!;
  const made = cloudmc.sim.state.listKeys(user.id).find((k) => k.name === 'made-on-the-cli')!;
  await expect(page.locator(`#key-row-${made.id}`)).toBeVisible();
  await expect(page.locator(`#key-row-${made.id}`)).toContainText('made-on-the-cli');
  // Stored in the keychain by the app: no one-time notification, and the value is nowhere on the page.
  await expect(page.locator('#secret-notification')).toHaveCount(0);
  expect(await page.content()).not.toContain(made.secret);
});

test('a profile added and removed on the command line shows and goes in the open sidebar, with no click', async ({
  app: page,
  host,
  cloudmc,
  dataDir,
}) => {
  await host.services.profiles.add({ name: 'Acme', endpoint: cloudmc.sim.endpoint, apiKey: cloudmc.apiKey });
  await page.reload();
  await expect(page.getByRole('table')).toBeVisible();
  const sidebar = page.getByRole('navigation').or(page.getByRole('complementary')).first();
  const added = sidebar.getByRole('button', { name: /^Added on the CLI\b/ });

  const add = await runCli(['--data-dir', dataDir, 'profiles', 'add', 'Added on the CLI', '--endpoint', cloudmc.sim.endpoint], `${cloudmc.apiKey}\n`);
  expect(add.stderr).toContain('Working through the desktop app');
  expect(add.code).toBe(0);
  await expect(added).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible(); // the open profile's screen stays as it was

  const remove = await runCli(['--data-dir', dataDir, 'profiles', 'remove', 'Added on the CLI', '--yes']);
  expect(remove.code).toBe(0);
  await expect(added).toHaveCount(0);
  await expect(sidebar.getByRole('button', { name: /^Acme\b/ })).toBeVisible();
});
