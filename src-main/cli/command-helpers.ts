// The pieces several commands print with: the stable JSON of a profile and of a key, progress, warnings, a not-found failure.
import type { ApiKeyView, ProfileSummary } from '../../src-preload/contract/models';
import type { AppError } from '../../src-preload/contract/errors';
import { lockLostReason } from './cli-context';
import type { CommandEnv } from './command-env';
import { CliFailure, exitCodes, keychainReason, messageOf } from './exit-codes';
import { safeText } from './output';

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
export function keyJson(k: ApiKeyView, profile: ProfileSummary, stored: Set<string> | null): Record<string, unknown> {
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

/** A "not found" failure (exit 3) with its code and message. */
export function notFoundFailure(code: string, message: string): CliFailure {
  return new CliFailure(code, exitCodes.notFound, message);
}

/** Prints progress on stderr when someone watches it (a terminal), never in JSON mode. */
export function progress(env: CommandEnv, endpoint: string): void {
  if (env.json || !env.stderr.isTTY) return;
  let host = endpoint;
  try {
    host = new URL(endpoint).host;
  } catch {
    // shown as saved
  }
  env.stderr.write(`${env.t('progress.cloudmc', { host: safeText(host) })}\n`);
}

/** Prints the warnings of a change done on CloudMC (local list not saved, keychain copy not removed). */
export function printWarning(env: CommandEnv, warning: AppError | null): Record<string, unknown>[] {
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
