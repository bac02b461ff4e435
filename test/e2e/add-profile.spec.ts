// The Add profile form against a real simulator: each way to get it wrong has its own translated message, and nothing typed is lost.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, snap, test } from './fixtures';
import { labels } from './labels';

const t = labels.fr;
test.use({ locale: t.locale });

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

test('malformed URL, plain http, credentials in the URL, unreachable host and wrong key each say what is wrong (fr)', async ({
  app: page,
  cloudmc,
  host,
}) => {
  const name = page.getByLabel(t.profileName, { exact: true });
  const endpoint = page.getByLabel(t.profileEndpoint, { exact: true });
  const key = page.getByLabel(t.profileKey, { exact: true });
  const save = page.getByRole('button', { name: t.profileSave, exact: true });
  await name.fill('Production');
  await key.fill('mauvaise-cle');

  const cases: [string, string][] = [
    ['pas une url', "Cette URL n'est pas valide."],
    ['http://cloudmc.example.com/api/v1', "Le point d'entrée doit utiliser https://"],
    [`http://admin:secret@127.0.0.1:${cloudmc.sim.port}/api/v1`, "Retirez le nom d'utilisateur et le mot de passe de l'URL"],
    [`http://127.0.0.1:${await closedPort()}/api/v1`, 'CloudMC est injoignable.'],
    [cloudmc.sim.endpoint, "CloudMC a refusé cette clé d'API."],
  ];
  for (const [url, message] of cases) {
    await endpoint.fill(url);
    await save.click();
    await expect(page.getByText(message, { exact: false }).first()).toBeVisible();
    // Nothing typed is lost.
    await expect(name).toHaveValue('Production');
    await expect(endpoint).toHaveValue(url);
    await expect(key).toHaveValue('mauvaise-cle');
  }
  await snap(page, 'fr-00-add-profile-wrong-key');
  expect(await host.services.profiles.list()).toEqual([]);

  await key.fill(cloudmc.apiKey);
  await save.click();
  await expect(page.getByRole('heading', { name: t.title, level: 1 })).toBeVisible();
  expect((await host.services.profiles.list()).map((p) => p.name)).toEqual(['Production']);
});
