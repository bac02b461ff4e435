// Seed data for the simulator: a realistic demo data set, and loading users/keys from a JSON file.
import { readFileSync } from 'node:fs';
import type { SimState, SimUser } from './state';

/** Name of the key that the desktop app uses to sign in, in the demo data. */
export const ACCESS_KEY_NAME = 'cloudmc-credentials-desktop';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function ago(ms: number, now: number): string {
  return new Date(now - ms).toISOString();
}

/** Adds only the demo user "rwilson" (Acme Corporation) and its access key; returns both. */
export function seedAccessUser(state: SimState, opts: { apiKey?: string } = {}): { user: SimUser; apiKey: string } {
  const user =
    state.findUserByName('rwilson') ??
    state.addUser({
      userName: 'rwilson',
      firstName: 'Rachel',
      lastName: 'Wilson',
      email: 'rachel.wilson@acme.example',
      organization: { name: 'Acme Corporation' },
    });
  const { secret } = state.issueKey(user.id, {
    name: ACCESS_KEY_NAME,
    ...(opts.apiKey !== undefined ? { secret: opts.apiKey } : {}),
    creationDate: ago(2 * DAY, Date.now()),
  });
  return { user, apiKey: secret };
}

/** Seeds two organizations, three users and several keys each with realistic last-use data. */
export function seedDemo(state: SimState, opts: { apiKey?: string } = {}): { user: SimUser; apiKey: string } {
  const now = Date.now();
  const acme = { name: 'Acme Corporation' };
  const globex = { name: 'Globex' };
  const rachel = state.addUser({
    userName: 'rwilson',
    firstName: 'Rachel',
    lastName: 'Wilson',
    email: 'rachel.wilson@acme.example',
    organization: acme,
  });
  const marc = state.addUser({
    userName: 'mtremblay',
    firstName: 'Marc-André',
    lastName: 'Tremblay',
    email: 'marc-andre.tremblay@acme.example',
    organization: acme,
  });
  const hank = state.addUser({
    userName: 'hscorpio',
    firstName: 'Hank',
    lastName: 'Scorpio',
    email: 'hank@globex.example',
    organization: globex,
  });

  state.issueKey(rachel.id, {
    name: 'Mettre-a-jour-BC',
    creationDate: ago(41 * DAY, now),
    lastUsedDate: ago(3 * HOUR + 12 * 60_000, now),
    lastUsedIp: '172.27.127.164',
  });
  state.issueKey(rachel.id, {
    name: 'Grab-instance-list',
    creationDate: ago(33 * DAY, now),
    lastUsedDate: ago(6 * DAY + 5 * HOUR, now),
    lastUsedIp: '203.0.113.42',
  });
  state.issueKey(rachel.id, {
    name: 'Update KB',
    creationDate: ago(19 * DAY, now),
    lastUsedDate: ago(13 * DAY + 2 * HOUR, now),
    lastUsedIp: '198.51.100.7',
  });
  state.issueKey(rachel.id, { name: 'test ⚙️ sandbox', creationDate: ago(9 * DAY, now) }); // never used

  state.issueKey(marc.id, {
    name: 'terraform-prod',
    creationDate: ago(60 * DAY, now),
    lastUsedDate: ago(25 * 60_000, now),
    lastUsedIp: '10.20.4.17',
  });
  state.issueKey(marc.id, {
    name: 'backup-nightly',
    creationDate: ago(28 * DAY, now),
    lastUsedDate: ago(9 * HOUR, now),
    lastUsedIp: '172.27.127.12',
  });

  state.issueKey(hank.id, {
    name: 'ci-deploy',
    creationDate: ago(15 * DAY, now),
    lastUsedDate: ago(2 * DAY + 4 * HOUR, now),
    lastUsedIp: '2001:db8::1f',
  });
  state.issueKey(hank.id, {
    name: 'monitoring',
    creationDate: ago(21 * DAY, now),
    lastUsedDate: ago(11 * DAY, now),
    lastUsedIp: '203.0.113.99',
  });

  return seedAccessUser(state, opts);
}

function fail(path: string, where: string, what: string): never {
  throw new Error(`seed file ${path}: ${where} ${what}`);
}

function optString(v: unknown, path: string, where: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') fail(path, where, 'must be a string');
  return v;
}

function optDate(v: unknown, path: string, where: string): string | null | undefined {
  if (v === null) return null;
  const s = optString(v, path, where);
  if (s !== undefined && Number.isNaN(Date.parse(s))) fail(path, where, 'must be an ISO 8601 date');
  return s === undefined ? undefined : new Date(s).toISOString();
}

/** Loads users and keys from a JSON seed file into the state; returns the users created. */
export function loadSeedFile(state: SimState, path: string): SimUser[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`seed file ${path}: ${(e as Error).message}`);
  }
  const users = (parsed as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) fail(path, 'top level', 'must be an object with a "users" array');
  const created: SimUser[] = [];
  users.forEach((raw: unknown, i: number) => {
    const where = `users[${i}]`;
    if (typeof raw !== 'object' || raw === null) fail(path, where, 'must be an object');
    const u = raw as Record<string, unknown>;
    const userName = optString(u.userName, path, `${where}.userName`);
    if (!userName) fail(path, `${where}.userName`, 'is required');
    const org = u.organization as { name?: unknown } | undefined;
    const orgName = org === undefined ? undefined : optString(org?.name, path, `${where}.organization.name`);
    const firstName = optString(u.firstName, path, `${where}.firstName`);
    const lastName = optString(u.lastName, path, `${where}.lastName`);
    const email = optString(u.email, path, `${where}.email`);
    const user = state.addUser({
      userName,
      ...(firstName !== undefined ? { firstName } : {}),
      ...(lastName !== undefined ? { lastName } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(orgName !== undefined ? { organization: { name: orgName } } : {}),
    });
    const keys = u.keys ?? [];
    if (!Array.isArray(keys)) fail(path, `${where}.keys`, 'must be an array');
    keys.forEach((rawKey: unknown, j: number) => {
      const kw = `${where}.keys[${j}]`;
      if (typeof rawKey !== 'object' || rawKey === null) fail(path, kw, 'must be an object');
      const k = rawKey as Record<string, unknown>;
      const name = optString(k.name, path, `${kw}.name`);
      const secret = optString(k.secret, path, `${kw}.secret`);
      const creationDate = optDate(k.creationDate, path, `${kw}.creationDate`);
      const lastUsedDate = optDate(k.lastUsedDate, path, `${kw}.lastUsedDate`);
      const lastUsedIp = k.lastUsedIp === null ? null : optString(k.lastUsedIp, path, `${kw}.lastUsedIp`);
      try {
        state.issueKey(user.id, {
          ...(name !== undefined ? { name } : {}),
          ...(secret !== undefined ? { secret } : {}),
          ...(creationDate ? { creationDate } : {}),
          ...(lastUsedDate !== undefined ? { lastUsedDate } : {}),
          ...(lastUsedIp !== undefined ? { lastUsedIp } : {}),
        });
      } catch (e) {
        fail(path, kw, (e as Error).message);
      }
    });
    const activity = u.activity ?? [];
    if (!Array.isArray(activity)) fail(path, `${where}.activity`, 'must be an array');
    activity.forEach((rawEntry: unknown, j: number) => {
      const aw = `${where}.activity[${j}]`;
      if (typeof rawEntry !== 'object' || rawEntry === null) fail(path, aw, 'must be an object');
      const a = rawEntry as Record<string, unknown>;
      const eventCode = optString(a.eventCode, path, `${aw}.eventCode`);
      if (!eventCode) fail(path, `${aw}.eventCode`, 'is required');
      const when = optDate(a.created, path, `${aw}.created`);
      const ip = a.requesterIp === null ? null : optString(a.requesterIp, path, `${aw}.requesterIp`);
      const category = optString(a.category, path, `${aw}.category`);
      const status = optString(a.status, path, `${aw}.status`);
      state.addActivity(user.id, {
        eventCode,
        ...(when ? { created: when } : {}),
        ...(ip !== undefined ? { requesterIp: ip } : {}),
        ...(category !== undefined ? { category } : {}),
        ...(status !== undefined ? { status } : {}),
      });
    });
    created.push(user);
  });
  return created;
}
