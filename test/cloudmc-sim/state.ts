// In-memory model of the CloudMC simulator: users, organizations and API keys. No HTTP here.
import { randomBytes, randomUUID } from 'node:crypto';

/** An organization a user belongs to. */
export type SimOrganization = { id: string; name: string };

/** A CloudMC user, as answered by GET /users/current. */
export type SimUser = {
  id: string;
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  organization: SimOrganization;
};

/** A stored API key, secret included (never sent over the wire except once at creation). */
export type SimApiKey = {
  id: string;
  userId: string;
  name: string;
  secret: string;
  creationDate: string;
  lastUsedDate: string | null;
  lastUsedIp: string | null;
  revoked: boolean;
};

/** The public ApiKey object of the API contract (no secret, no owner). */
export type ApiKeyView = {
  id: string;
  name: string;
  creationDate: string;
  lastUsedDate: string | null;
  lastUsedIp: string | null;
};

/** Options accepted by SimState.issueKey. */
export type IssueKeyOptions = {
  /** The key's id (a UUID otherwise); a hostile CloudMC may mint one that is not path-safe. */
  id?: string;
  name?: string;
  secret?: string;
  creationDate?: string;
  lastUsedDate?: string | null;
  lastUsedIp?: string | null;
};

/** One entry of the activity log (GET /activity_log), as CloudMC documents it. */
export type SimActivity = {
  id: string;
  correlationId: string;
  eventCode: string;
  category: string;
  status: string;
  created: string;
  updated: string;
  userId: string;
  requesterIp: string | null;
  /** Escaped JSON text, as CloudMC sends it; the app must never trust or render it. */
  eventContext: string;
};

/** What can be given when recording or seeding an activity (a login, a backdated event). */
export type ActivityInput = {
  eventCode: string;
  category?: string;
  status?: string;
  created?: string;
  requesterIp?: string | null;
  eventContext?: string;
};

/** Event codes the simulator records itself, by category (CloudMC does not document its API key codes: these are the simulator's). */
export const SIM_EVENT_CODES: Record<string, string[]> = {
  USER: ['users.login', 'users.logout', 'users.created'],
  API_KEY: ['api_key.generated', 'api_key.renamed', 'api_key.revoked'],
};

/** The category of a known event code (SYSTEM for any other). */
export function categoryOf(eventCode: string): string {
  for (const [category, codes] of Object.entries(SIM_EVENT_CODES)) if (codes.includes(eventCode)) return category;
  return 'SYSTEM';
}

/** Result of validating a key name: the trimmed name or a human readable reason. */
export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Maximum length of a key name, in Unicode code points. */
export const MAX_NAME_LENGTH = 100;

/** Validates and trims a key name per the contract (1 to 100 code points after trimming). */
export function checkName(raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, message: 'name must be a string' };
  const name = raw.trim();
  const length = [...name].length;
  if (length === 0) return { ok: false, message: 'name must not be empty' };
  if (length > MAX_NAME_LENGTH) {
    return { ok: false, message: `name must be at most ${MAX_NAME_LENGTH} characters (got ${length})` };
  }
  return { ok: true, name };
}

/** A fresh random secret: 32 random bytes, base64url (43 url-safe characters). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A random key name in CloudMC's style, e.g. "key-ab12cd". */
export function randomKeyName(): string {
  return `key-${randomBytes(3).toString('hex')}`;
}

/** Projects a stored key onto the public ApiKey object. */
export function toApiKeyView(key: SimApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    creationDate: key.creationDate,
    lastUsedDate: key.lastUsedDate,
    lastUsedIp: key.lastUsedIp,
  };
}

/** The whole simulated CloudMC: users, organizations and keys, all in memory. */
export class SimState {
  private readonly users = new Map<string, SimUser>();
  private readonly orgs = new Map<string, SimOrganization>();
  private readonly keys = new Map<string, SimApiKey>();
  private readonly bySecret = new Map<string, SimApiKey>();
  private readonly activities: SimActivity[] = [];
  /** How the next keys generated through the API are minted (first in, first out): a hostile CloudMC's id or value. */
  readonly nextMints: Pick<IssueKeyOptions, 'id' | 'secret'>[] = [];

  /** Adds a user; an organization with the same name (or id) is shared rather than duplicated. */
  addUser(u: Partial<Omit<SimUser, 'organization'>> & { userName: string; organization?: { id?: string; name: string } }): SimUser {
    if (this.findUserByName(u.userName)) throw new Error(`user "${u.userName}" already exists`);
    const user: SimUser = {
      id: u.id ?? randomUUID(),
      userName: u.userName,
      firstName: u.firstName ?? u.userName,
      lastName: u.lastName ?? '',
      email: u.email ?? `${u.userName}@example.com`,
      organization: this.ensureOrg(u.organization ?? { name: 'Default Organization' }),
    };
    if (this.users.has(user.id)) throw new Error(`user id "${user.id}" already exists`);
    this.users.set(user.id, user);
    return user;
  }

  /** Returns the user with that id, if any. */
  getUser(userId: string): SimUser | undefined {
    return this.users.get(userId);
  }

  /** Returns the user with that userName, if any. */
  findUserByName(userName: string): SimUser | undefined {
    for (const user of this.users.values()) if (user.userName === userName) return user;
    return undefined;
  }

  /** All users, in insertion order. */
  listUsers(): SimUser[] {
    return [...this.users.values()];
  }

  /** All organizations, in insertion order. */
  listOrganizations(): SimOrganization[] {
    return [...this.orgs.values()];
  }

  /** Issues a key for a user; returns the stored key and its secret. */
  issueKey(userId: string, opts: IssueKeyOptions = {}): { key: SimApiKey; secret: string } {
    if (!this.users.has(userId)) throw new Error(`unknown user id "${userId}"`);
    const secret = opts.secret ?? randomSecret();
    if (secret.length === 0) throw new Error('a key secret must not be empty');
    if (this.bySecret.has(secret)) throw new Error('a key with that secret already exists');
    let name = randomKeyName();
    if (opts.name !== undefined) {
      const check = checkName(opts.name);
      if (!check.ok) throw new Error(check.message);
      name = check.name;
    }
    const key: SimApiKey = {
      id: opts.id ?? randomUUID(),
      userId,
      name,
      secret,
      creationDate: opts.creationDate ?? new Date().toISOString(),
      lastUsedDate: opts.lastUsedDate ?? null,
      lastUsedIp: opts.lastUsedIp ?? null,
      revoked: false,
    };
    this.keys.set(key.id, key);
    this.bySecret.set(secret, key);
    return { key, secret };
  }

  /** Finds the live (not revoked) key with that secret and its owner; null when invalid. */
  authenticate(secret: string): { user: SimUser; key: SimApiKey } | null {
    const key = this.bySecret.get(secret);
    if (!key || key.revoked) return null;
    const user = this.users.get(key.userId);
    return user ? { user, key } : null;
  }

  /** Records a use of a key: last-use date and client address. */
  recordUse(keyId: string, ip: string | null, when: Date = new Date()): void {
    const key = this.keys.get(keyId);
    if (!key) return;
    key.lastUsedDate = when.toISOString();
    key.lastUsedIp = ip;
  }

  /** The user's live keys, in creation order. */
  listKeys(userId: string): SimApiKey[] {
    return [...this.keys.values()].filter((k) => k.userId === userId && !k.revoked);
  }

  /** The user's live key with that id, if any (another user's key is not found). */
  getKey(userId: string, keyId: string): SimApiKey | undefined {
    const key = this.keys.get(keyId);
    return key && key.userId === userId && !key.revoked ? key : undefined;
  }

  /** Renames a user's key; null when not found; throws on an invalid name. */
  renameKey(userId: string, keyId: string, name: string): SimApiKey | null {
    const check = checkName(name);
    if (!check.ok) throw new Error(check.message);
    const key = this.getKey(userId, keyId);
    if (!key) return null;
    key.name = check.name;
    return key;
  }

  /** Revokes a user's key; false when not found (unknown, revoked, or another user's). */
  revokeKey(userId: string, keyId: string): boolean {
    const key = this.getKey(userId, keyId);
    if (!key) return false;
    key.revoked = true;
    return true;
  }

  /** True when that secret belonged to a key that has since been revoked. */
  isRevoked(secret: string): boolean {
    return this.bySecret.get(secret)?.revoked === true;
  }

  /** Number of live keys across all users. */
  countKeys(): number {
    let n = 0;
    for (const key of this.keys.values()) if (!key.revoked) n++;
    return n;
  }

  /** Records (or seeds, with a past `created`) one activity of a user. */
  addActivity(userId: string, input: ActivityInput): SimActivity {
    if (!this.users.has(userId)) throw new Error(`unknown user id "${userId}"`);
    const created = input.created ?? new Date().toISOString();
    const activity: SimActivity = {
      id: randomUUID(),
      correlationId: randomUUID(),
      eventCode: input.eventCode,
      category: input.category ?? categoryOf(input.eventCode),
      status: input.status ?? 'SUCCESS',
      created,
      updated: created,
      userId,
      requesterIp: input.requesterIp ?? null,
      eventContext: input.eventContext ?? '{}',
    };
    this.activities.push(activity);
    return activity;
  }

  /** The activities of some users, newest first, optionally between two instants. */
  listActivities(filter: { userIds: ReadonlySet<string>; start?: number; end?: number }): SimActivity[] {
    return this.activities
      .filter((a) => {
        if (!filter.userIds.has(a.userId)) return false;
        const t = Date.parse(a.created);
        return (filter.start === undefined || t >= filter.start) && (filter.end === undefined || t <= filter.end);
      })
      .sort((a, b) => b.created.localeCompare(a.created));
  }

  private ensureOrg(org: { id?: string; name: string }): SimOrganization {
    if (org.id !== undefined) {
      const existing = this.orgs.get(org.id);
      if (existing) return existing;
    } else {
      for (const existing of this.orgs.values()) if (existing.name === org.name) return existing;
    }
    const created: SimOrganization = { id: org.id ?? randomUUID(), name: org.name };
    this.orgs.set(created.id, created);
    return created;
  }
}
