// The CLI's commands over main's services: each resolves names, calls the service the app's handler calls, and prints a table or a JSON document.
import { randomUUID } from 'node:crypto';
import type { ApiKeyView, KeysView, ProfileSummary } from '../../src-preload/contract/models';
import type { AppError } from '../../src-preload/contract/errors';
import { AppFailure, fail } from '../errors';
import { hasControlCharacter } from '../services/cloudmc/cloudmc-api';
import { checkKeyName } from '../services/credentials/credentials-service';
import type { CliContext } from './cli-context';
import { lockLostReason } from './cli-context';
import { runWithEnv, type SignalSource } from './exec-command';
import { CliFailure, exitCodeOf, exitCodes, keychainReason, messageOf } from './exit-codes';
import type { CliLanguage, MessageKey, Translate } from './messages';
import { formatTime, jsonText, safeText, table } from './output';

/** A line-oriented output stream (stdout or stderr). */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Ctrl+C and friends while a command runs: cancels the CloudMC call in flight, except a generate already sent. */
export class Interrupts {
  interrupted = false;
  readonly #listeners = new Set<() => void>();
  /** Called by the signal listener. */
  fire(): void {
    this.interrupted = true;
    for (const listener of [...this.#listeners]) listener();
  }
  /** Runs `listener` on the next interrupt; returns how to stop listening. */
  on(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** Stops here with exit 130 if an interrupt came. */
  check(): void {
    if (this.interrupted) throw new CliFailure('interrupted', exitCodes.interrupted, '');
  }
}

/** What every command gets. */
export interface CommandEnv {
  ctx: CliContext;
  t: Translate;
  language: CliLanguage;
  stdout: OutStream;
  stderr: OutStream;
  /** Asks a yes/no question on the terminal; null when interrupted or stdin closed. */
  ask: (question: string) => Promise<string | null>;
  stdinIsTTY: boolean;
  /** Reads a value the user gives (an access key): standard input when it is not a terminal, else a prompt that shows nothing typed; null when none. */
  readSecret: (prompt: string) => Promise<string | null>;
  json: boolean;
  interrupts: Interrupts;
  signals: SignalSource;
  /** Values that must never be printed in an error (redacted if a message ever held one). */
  secrets: Set<string>;
}

/** The stable JSON of a profile (documented in docs/command-line.md; fields are only ever added). */
export function profileJson(p: ProfileSummary): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    endpoint: p.endpoint,
    user: p.identity ? { userName: p.identity.userName, displayName: p.identity.displayName, organizationName: p.identity.organizationName } : null,
    accessKey: p.accessKey,
    accessKeyId: p.accessKeyId,
    lastSyncedAt: p.lastSyncedAt,
  };
}

/** The stable JSON of a key. */
function keyJson(k: ApiKeyView, profile: ProfileSummary, stored: Set<string> | null): Record<string, unknown> {
  return {
    id: k.id,
    name: k.name,
    createdAt: k.creationDate,
    lastUsedAt: k.lastUsedDate,
    lastUsedIp: k.lastUsedIp,
    storedCopy: stored ? stored.has(k.id) : null,
    usedByProfile: profile.accessKeyId === k.id,
  };
}

/** Finds one item by id, then exact name, then name ignoring case; several matches are a usage error listing the candidates' ids. */
export function pickByNameOrId<T extends { id: string; name: string }>(
  items: readonly T[],
  ref: string,
  ambiguous: CliFailure['message'],
  notFound: () => CliFailure,
): T {
  const byId = items.find((i) => i.id === ref);
  if (byId) return byId;
  const wanted = ref.trim();
  for (const same of [(i: T) => i.name.trim() === wanted, (i: T) => i.name.trim().toLocaleLowerCase() === wanted.toLocaleLowerCase()]) {
    const found = items.filter(same);
    if (found.length === 1) return found[0]!;
    if (found.length > 1)
      throw new CliFailure(
        'ambiguous',
        exitCodes.usage,
        ambiguous,
        found.map((i) => `  ${i.id}  ${safeText(i.name)}`),
      );
  }
  throw notFound();
}

/** The profile named by `ref` (name or id). */
export async function resolveProfile(env: CommandEnv, ref: string): Promise<ProfileSummary> {
  const profiles = await env.ctx.services.profiles.list();
  return pickByNameOrId(profiles, ref, env.t('usage.ambiguous-profile', { name: safeText(ref) }), () =>
    notFoundFailure('profile-not-found', env.t('profile.not-found', { name: safeText(ref) })),
  );
}

function notFoundFailure(code: string, message: string): CliFailure {
  return new CliFailure(code, exitCodes.notFound, message);
}

/** Prints progress on stderr when someone watches it (a terminal), never in JSON mode. */
function progress(env: CommandEnv, endpoint: string): void {
  if (env.json || !env.stderr.isTTY) return;
  let host = endpoint;
  try {
    host = new URL(endpoint).host;
  } catch {
    // shown as saved
  }
  env.stderr.write(`${env.t('progress.cloudmc', { host: safeText(host) })}\n`);
}

/** A live list from CloudMC, or the failure as the CLI's error (with the cached list's time as a hint). */
async function liveList(env: CommandEnv, profile: ProfileSummary): Promise<KeysView & { list: NonNullable<KeysView['list']> }> {
  progress(env, profile.endpoint);
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  try {
    const view = await env.ctx.services.credentials.refresh(profile.id, requestId);
    if (view.failure) {
      const hint = view.list ? [env.t('list.offline-hint', { time: formatTime(view.list.syncedAt, env.language) })] : [];
      throw new AppFailureWithHint(view.failure, view.failure.kind === 'offline' || view.failure.kind === 'server' ? hint : []);
    }
    if (!view.list) throw fail('bad-response');
    return view as KeysView & { list: NonNullable<KeysView['list']> };
  } finally {
    stop();
  }
}

/** An AppError answered inside a view, carried to the CLI's error output with extra lines. */
export class AppFailureWithHint extends Error {
  constructor(
    readonly appError: AppError,
    readonly extra: string[],
  ) {
    super(appError.code);
  }
}

/** Key ids with a stored copy, or null when the keychain cannot tell. */
async function storedIds(env: CommandEnv, profileId: string): Promise<Set<string> | null> {
  if (!(await env.ctx.keychainStatus()).available) return null;
  try {
    return new Set(await env.ctx.copies.keyIds(profileId));
  } catch {
    return null;
  }
}

/** Prints the warnings of a change done on CloudMC (local list not saved, keychain copy not removed). */
function printWarning(env: CommandEnv, warning: AppError | null): Record<string, unknown>[] {
  if (!warning) return [];
  const reason = String(warning.details?.['reason'] ?? warning.code);
  const text =
    warning.kind === 'keychain'
      ? env.t('warning.keychain', {
          reason: typeof warning.details?.['reason'] === 'string' ? keychainReason(reason, env.t) : messageOf(warning, env.t),
        })
      : env.t('warning.local', { reason: reason === lockLostReason ? env.t('data.lock-lost') : reason });
  env.stderr.write(`${text}\n`);
  return [{ code: warning.code, kind: warning.kind, reason, message: text }];
}

/** Names on stderr the keys a Generate cut short may have created, as the live list just read shows them (the app shows them too, with Revoke). */
async function printMaybeCreated(env: CommandEnv, profile: ProfileSummary): Promise<void> {
  for (const item of await env.ctx.services.maybeCreated.list(profile.id))
    for (const key of item.keys)
      env.stderr.write(
        `${env.t('maybe.found', {
          keyName: safeText(key.name),
          id: safeText(key.id),
          name: safeText(item.name ?? '?'),
          time: formatTime(item.startedAt, env.language),
          profile: safeText(profile.id),
        })}\n`,
      );
}

/** `profiles list [--json]` */
export async function profilesList(env: CommandEnv): Promise<number> {
  const profiles = await env.ctx.services.profiles.list();
  if (env.json) {
    env.stdout.write(jsonText({ profiles: profiles.map(profileJson) }));
    return exitCodes.ok;
  }
  if (profiles.length === 0) {
    env.stdout.write(`${env.t('profiles.none')}\n`);
    return exitCodes.ok;
  }
  const t = env.t;
  env.stdout.write(
    table(
      [t('col.name'), t('col.endpoint'), t('col.user'), t('col.organization'), t('col.access-key'), t('col.last-sync')],
      profiles.map((p) => [
        p.name,
        p.endpoint,
        p.identity?.userName ?? '',
        p.identity?.organizationName ?? '',
        t(`place.${p.accessKey}` as MessageKey),
        p.lastSyncedAt ? formatTime(p.lastSyncedAt, env.language) : t('value.never'),
      ]),
    ),
  );
  return exitCodes.ok;
}

/** `keys list --profile P [--json] [--offline]` */
export async function keysList(env: CommandEnv, profileRef: string, offline: boolean): Promise<number> {
  const profile = await resolveProfile(env, profileRef);
  let list: NonNullable<KeysView['list']>;
  if (offline) {
    const cached = (await env.ctx.services.credentials.listCached(profile.id)).list;
    if (!cached) throw notFoundFailure('no-cached-list', env.t('list.no-cache', { profile: safeText(profile.name) }));
    list = cached;
  } else {
    list = (await liveList(env, profile)).list;
    await printMaybeCreated(env, profile);
  }
  const stored = await storedIds(env, profile.id);
  if (env.json) {
    env.stdout.write(
      jsonText({
        profile: { id: profile.id, name: profile.name },
        source: list.source,
        syncedAt: list.syncedAt,
        keys: list.keys.map((k) => keyJson(k, profile, stored)),
      }),
    );
    return exitCodes.ok;
  }
  const t = env.t;
  const title = t(list.source === 'live' ? 'list.live' : 'list.cached', {
    profile: safeText(profile.name),
    time: formatTime(list.syncedAt, env.language),
  });
  env.stdout.write(`${title}\n\n`);
  if (list.keys.length === 0) {
    env.stdout.write(`${t('list.empty')}\n`);
    return exitCodes.ok;
  }
  const yesNo = (v: boolean | null): string => (v === null ? t('value.unknown') : t(v ? 'value.yes' : 'value.no'));
  env.stdout.write(
    table(
      [t('col.name'), t('col.id'), t('col.created'), t('col.last-used'), t('col.last-ip'), t('col.stored')],
      list.keys.map((k) => [
        profile.accessKeyId === k.id ? `${k.name} ${t('value.own-key')}` : k.name,
        k.id,
        formatTime(k.creationDate, env.language),
        k.lastUsedDate ? formatTime(k.lastUsedDate, env.language) : t('value.never'),
        k.lastUsedIp ?? '',
        yesNo(stored ? stored.has(k.id) : null),
      ]),
    ),
  );
  return exitCodes.ok;
}

/**
 * `keys generate --profile P --name N [--print] [--json]`. A key's value must never be lost: with no keychain the command refuses
 * before anything is generated; if storing fails after CloudMC made the key, the value goes to stdout with a warning (exit 5).
 */
export async function keysGenerate(env: CommandEnv, profileRef: string, name: string, print: boolean): Promise<number> {
  const t = env.t;
  const checked = checkKeyName(name);
  const profile = await resolveProfile(env, profileRef);
  const status = await env.ctx.keychainStatus();
  // No keychain: refused before CloudMC is asked (the value could not be kept; the profile's access key lives there too).
  if (!status.available)
    throw new CliFailure(
      'keychain-unavailable',
      exitCodes.keychain,
      t('generate.keychain-unavailable', { reason: keychainReason(status.reason, t) }),
    );
  env.interrupts.check();
  progress(env, profile.endpoint);
  // From here the key may exist on CloudMC: an interrupt waits for the answer rather than lose the value.
  const stop = env.interrupts.on(() => env.stderr.write(`${t('generate.uninterruptible')}\n`));
  let generated;
  try {
    generated = await env.ctx.services.credentials.generate(profile.id, checked, true);
  } finally {
    stop();
  }
  env.secrets.add(generated.secret);
  const warnings = printWarning(env, generated.warning);
  const { key } = generated;
  // Stored, read back and compared; if not, the value exists nowhere else: it goes to stdout with the reason (exit 5).
  const unstored = !generated.storedInKeychain;
  const showSecret = print || unstored;
  let exitCode: number = exitCodes.ok;
  if (unstored) {
    const reason = generated.storeError ? messageOf(generated.storeError, t) : '';
    env.stderr.write(`${t('generate.not-stored', { name: safeText(key.name), id: safeText(key.id), reason })}\n`);
    exitCode = exitCodes.keychain;
  }
  if (env.json) {
    env.stdout.write(
      jsonText({
        profile: { id: profile.id, name: profile.name },
        key: keyJson(key, profile, null),
        storedInKeychain: generated.storedInKeychain,
        ...(showSecret ? { secret: generated.secret } : {}),
        warnings,
      }),
    );
    return exitCode;
  }
  const done = t('generate.done', { name: safeText(key.name), id: safeText(key.id), profile: safeText(profile.name) });
  if (showSecret) {
    if (!unstored) env.stderr.write(`${done}\n`);
    env.stdout.write(`${generated.secret}\n`); // stdout holds the value alone, for KEY=$(...)
  } else env.stdout.write(`${done}\n`);
  return exitCode;
}

/** `keys rename --profile P --key KEY --name NEW [--json]` */
export async function keysRename(env: CommandEnv, profileRef: string, keyRef: string, newName: string): Promise<number> {
  const checked = checkKeyName(newName);
  const profile = await resolveProfile(env, profileRef);
  const key = await resolveLiveKey(env, profile, keyRef);
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  let renamed;
  try {
    renamed = await env.ctx.services.credentials.rename(profile.id, key.id, checked, requestId);
  } finally {
    stop();
  }
  const warnings = printWarning(env, renamed.warning);
  if (env.json) env.stdout.write(jsonText({ profile: { id: profile.id, name: profile.name }, key: keyJson(renamed.key, profile, null), warnings }));
  else env.stdout.write(`${env.t('rename.done', { id: safeText(renamed.key.id), name: safeText(renamed.key.name) })}\n`);
  return exitCodes.ok;
}

/** `keys revoke --profile P --key KEY [--yes] [--keep-copy] [--json]` */
export async function keysRevoke(env: CommandEnv, profileRef: string, keyRef: string, yes: boolean, keepCopy: boolean): Promise<number> {
  const t = env.t;
  const profile = await resolveProfile(env, profileRef);
  const key = await resolveLiveKey(env, profile, keyRef);
  if (profile.accessKeyId === key.id) env.stderr.write(`${t('revoke.own-key', { profile: safeText(profile.name) })}\n`);
  if (!yes) {
    const answer = await env.ask(t('revoke.ask', { name: safeText(key.name), id: safeText(key.id), profile: safeText(profile.name) }));
    env.interrupts.check();
    const accepted = t('revoke.yes-answers').split(',');
    if (answer === null || !accepted.includes(answer.trim().toLocaleLowerCase())) {
      env.stderr.write(`${t('revoke.declined')}\n`);
      return exitCodes.failed;
    }
  }
  const requestId = randomUUID();
  const stop = env.interrupts.on(() => env.ctx.services.cancelRequest(requestId));
  let outcome;
  try {
    outcome = await env.ctx.services.credentials.revoke(profile.id, key.id, !keepCopy, requestId);
  } finally {
    stop();
  }
  const warnings = printWarning(env, outcome.warning);
  if (env.json)
    env.stdout.write(
      jsonText({ profile: { id: profile.id, name: profile.name }, key: { id: key.id, name: key.name }, outcome: outcome.outcome, warnings }),
    );
  else
    env.stdout.write(`${t(outcome.outcome === 'revoked' ? 'revoke.done' : 'revoke.already', { name: safeText(key.name), id: safeText(key.id) })}\n`);
  return exitCodes.ok;
}

/** A key of the live list, by id or name. */
async function resolveLiveKey(env: CommandEnv, profile: ProfileSummary, ref: string): Promise<ApiKeyView> {
  const { list } = await liveList(env, profile);
  env.interrupts.check();
  return pickByNameOrId(list.keys, ref, env.t('usage.ambiguous-key', { name: safeText(ref) }), () =>
    notFoundFailure('key-not-found', env.t('key.not-found', { name: safeText(ref), profile: safeText(profile.name) })),
  );
}

/** Throws keychain-unavailable (exit 5) unless the keychain can be read now. */
async function requireKeychain(env: CommandEnv): Promise<void> {
  const status = await env.ctx.keychainStatus();
  if (!status.available) throw fail('keychain-unavailable', { details: { reason: status.reason } });
}

/** The value of a stored copy, by key id or name (names from the cached list, or a live one when a stored key is not in it). */
export async function storedCopyValue(env: CommandEnv, profile: ProfileSummary, keyRef: string): Promise<string> {
  await requireKeychain(env);
  const ids = await env.ctx.copies.keyIds(profile.id);
  const notFound = (): CliFailure =>
    notFoundFailure('copy-not-found', env.t('copy.not-found', { name: safeText(keyRef), profile: safeText(profile.name) }));
  let id = ids.find((i) => i === keyRef);
  if (id === undefined && ids.length > 0) {
    const cached = (await env.ctx.services.credentials.listCached(profile.id)).list?.keys ?? [];
    let names = new Map(cached.map((k) => [k.id, k.name]));
    if (ids.some((i) => !names.has(i))) {
      // A copy of a key not in the cached list: the live list may know its name (best effort; offline keeps the cache).
      const view = await env.ctx.services.credentials.refresh(profile.id);
      if (view.list) names = new Map(view.list.keys.map((k) => [k.id, k.name]));
    }
    const candidates = ids.filter((i) => names.has(i)).map((i) => ({ id: i, name: names.get(i)! }));
    id = pickByNameOrId(candidates, keyRef, env.t('usage.ambiguous-key', { name: safeText(keyRef) }), notFound).id;
  }
  if (id === undefined) throw notFound();
  const value = await env.ctx.copies.read(profile.id, id);
  if (value === null) throw notFound();
  env.secrets.add(value);
  return value;
}

/** `exec --profile P [--key NAME] -- COMMAND [ARGS...]`: the value goes into the command's environment only. */
export async function execCommand(env: CommandEnv, profileRef: string, keyRef: string | undefined, command: string[]): Promise<number> {
  const profile = await resolveProfile(env, profileRef);
  // The command is handed the key to call this endpoint with: refused, as the app refuses, when the organization does not allow it.
  await env.ctx.services.policy.checkEndpoint(profile.endpoint);
  let value: string;
  if (keyRef !== undefined) value = await storedCopyValue(env, profile, keyRef);
  else {
    await requireKeychain(env);
    const accessKey = await env.ctx.vault.get(profile.id);
    if (accessKey === null) throw fail('access-key-missing');
    value = accessKey;
  }
  env.secrets.add(value);
  env.interrupts.check();
  await env.ctx.releaseLock(); // the command may run for hours; nothing is written from here
  const result = await runWithEnv(command, { CLOUDMC_ENDPOINT: profile.endpoint, CLOUDMC_API_KEY: value }, env.signals);
  if (result.startError === 'ENOENT') env.stderr.write(`${env.t('exec.not-found', { cmd: safeText(command[0]!) })}\n`);
  else if (result.startError) env.stderr.write(`${env.t('exec.cannot-run', { cmd: safeText(command[0]!), reason: result.startError })}\n`);
  return result.exitCode;
}

/** Splits `cmc://PROFILE/KEYNAME` (each part percent-decoded); null when it is not one. */
export function parseReference(reference: string): { profile: string; key: string } | null {
  const match = /^cmc:\/\/([^/]+)\/(.+)$/.exec(reference);
  if (!match) return null;
  try {
    const profile = decodeURIComponent(match[1]!);
    const key = decodeURIComponent(match[2]!);
    return profile.trim() && key.trim() ? { profile, key } : null;
  } catch {
    return null;
  }
}

/** `read cmc://PROFILE/KEYNAME`: one stored copy on stdout, alone on its line. */
export async function readCommand(env: CommandEnv, reference: string): Promise<number> {
  const parsed = parseReference(reference);
  if (!parsed) throw new CliFailure('usage', exitCodes.usage, env.t('usage.read-uri'));
  const profile = await resolveProfile(env, parsed.profile);
  const value = await storedCopyValue(env, profile, parsed.key);
  // A copy placed in the keychain by something else may hold a terminal escape: never printed (security.md 41).
  if (hasControlCharacter(value))
    throw new CliFailure('copy-unsafe', exitCodes.failed, env.t('copy.unsafe', { name: safeText(parsed.key), profile: safeText(profile.name) }));
  env.stdout.write(`${value}\n`);
  return exitCodes.ok;
}

/** `health [--profile P] [--json]`: the key-health findings over the cached lists (never calls CloudMC), as the app's Key health view. */
export async function healthCommand(env: CommandEnv, profileRef: string | undefined): Promise<number> {
  const t = env.t;
  const profile = profileRef === undefined ? undefined : await resolveProfile(env, profileRef);
  const found = await env.ctx.services.health.findings(profile?.id);
  // The CLI lists the informational facts with the findings, as it always did (each names its kind).
  const report = { ...found, findings: [...found.findings, ...found.facts] };
  if (env.json) {
    env.stdout.write(
      jsonText({
        computedAt: report.computedAt,
        idleDays: report.idleDays,
        copiesChecked: report.copiesChecked,
        counts: report.counts,
        findings: report.findings.map((f) => ({
          profile: { id: f.profileId, name: f.profileName },
          key: { id: f.keyId, name: f.keyName },
          kind: f.kind,
          values: f.values,
          note: f.note,
        })),
      }),
    );
    return exitCodes.ok;
  }
  if (!report.copiesChecked) env.stderr.write(`${t('health.copies-unchecked')}\n`);
  if (report.findings.length === 0) {
    env.stdout.write(`${t('health.none')}\n`);
    return exitCodes.ok;
  }
  const why = (f: (typeof report.findings)[number]): string => {
    const values = Object.fromEntries(Object.entries(f.values).map(([k, v]) => [k, typeof v === 'string' ? safeText(v) : v]));
    const text = t(`health.why.${f.kind}` as MessageKey, values);
    return f.note ? `${text} ${t('health.note', { note: safeText(f.note) })}` : text;
  };
  env.stdout.write(
    table(
      [t('col.profile'), t('col.name'), t('col.id'), t('col.kind'), t('col.why')],
      report.findings.map((f) => [f.profileName, f.keyName ?? '', f.keyId, t(`health.kind.${f.kind}` as MessageKey), why(f)]),
    ),
  );
  return exitCodes.ok;
}

/** The exit code and lines of any failure; nothing but codes, reasons, names and ids: a value is never part of one. */
export function describeFailure(e: unknown, t: Translate): { code: string; kind: string; exitCode: number; message: string; extra: string[] } {
  if (e instanceof CliFailure) return { code: e.code, kind: 'cli', exitCode: e.exitCode, message: e.message || t('interrupted'), extra: e.extra };
  if (e instanceof AppFailureWithHint)
    return { code: e.appError.code, kind: e.appError.kind, exitCode: exitCodeOf(e.appError), message: messageOf(e.appError, t), extra: e.extra };
  if (e instanceof AppFailure)
    return { code: e.appError.code, kind: e.appError.kind, exitCode: exitCodeOf(e.appError), message: messageOf(e.appError, t), extra: [] };
  return { code: 'internal', kind: 'internal', exitCode: exitCodes.failed, message: t('error.internal'), extra: [] };
}
