// The organization's policy in force: read from its source at start and whenever it changes, checked whole and applied whole (its
// profiles put into the config), and asked by the services that obey it. A policy that cannot be read applies nothing and says why.
import fs from 'node:fs';
import type { PolicyProblem, PolicyView } from '../../../src-preload/contract/policy';
import { fail } from '../../errors';
import type { Logger } from '../../log';
import type { AppStores } from '../store/app-stores';
import { writable } from '../store/writable';
import { endpointAllowedBy } from './allowed-endpoints';
import { applyManagedProfiles } from './managed-profiles';
import { readPolicyDocument, policyProblem, type Policy } from './policy-document';
import type { PolicyRead, PolicySource } from './policy-source';

/** What the services ask of the policy. */
export interface PolicyService {
  /** The policy in force, or null (none found, or a bad one). */
  current(): Policy | null;
  /** What the window is told. */
  view(): PolicyView;
  /** True unless the policy lists allowed endpoints and this one is on none of them. */
  isEndpointAllowed(endpoint: string): boolean;
  /** Throws endpoint-not-allowed (field `endpoint`) for an endpoint the policy does not allow. */
  checkEndpoint(endpoint: string): void;
  /** Throws policy-refused when the policy does not let the user add profiles of their own. */
  checkUserProfiles(): void;
  /** False when the policy turns automatic update checks off. */
  updatesAllowed(): boolean;
  /** Told after a read that changed the policy or the managed profiles (returns how to stop listening). */
  onChange(listener: (view: PolicyView) => void): () => void;
  /** Reads the source again and applies what it says (the watcher calls it); never rejects. */
  reload(): Promise<void>;
  /** Reads again when the source's folder changes, and every `pollMs`; returns how to stop. */
  watch(): () => void;
}

/** What the policy service needs. */
export interface PolicyDeps {
  source: PolicySource;
  stores: AppStores;
  now: () => Date;
  log?: Logger;
  /** A managed profile's endpoint or CA changed: what the session knew of it (sync state) no longer holds. */
  onMoved?: (profileId: string) => void;
}

/** Reads the policy once and applies it; the answer is ready for the other services. */
export async function openPolicyService(deps: PolicyDeps): Promise<PolicyService> {
  const { source, log } = deps;
  let policy: Policy | null = null;
  let problem: PolicyProblem | null = null;
  const listeners = new Set<(view: PolicyView) => void>();

  const view = (): PolicyView => ({
    applied: policy !== null,
    lockedSettings: policy ? [...policy.locked] : [],
    allowUserProfiles: policy?.allowUserProfiles ?? true,
    allowedEndpoints: policy?.allowedEndpoints?.entries ?? null,
    updates: policy?.updates ?? true,
    problem,
  });

  /** Puts the managed profiles into the config; a config that cannot be written keeps what it has (and the log says so). */
  const applyProfiles = (specs: Policy['profiles']): boolean => {
    if (!applyManagedProfiles(deps.stores.config.read(), specs, deps.now()).changed) return false;
    try {
      let moved: string[] = [];
      writable(deps.stores.config).update((doc) => {
        const change = applyManagedProfiles(doc, specs, deps.now());
        moved = change.moved;
        return change.doc;
      });
      moved.forEach((id) => deps.onMoved?.(id));
      return true;
    } catch (e) {
      log?.warn(`policy: the managed profiles could not be saved in ${deps.stores.config.filePath}`, e);
      return false;
    }
  };

  const readOnce = async (): Promise<void> => {
    const before = JSON.stringify(view());
    let profilesChanged = false;
    try {
      const read = await source.read();
      const outcome = outcomeOf(read);
      policy = 'policy' in outcome ? outcome.policy : null;
      problem = 'problem' in outcome ? outcome.problem : null;
      if (problem) log?.warn(`policy: ${read.where} could not be applied, nothing of it is (${problem.reason} ${JSON.stringify(problem.details)})`);
      // A bad policy changes nothing: not even the managed profiles it may still mean to give.
      if (!problem) profilesChanged = applyProfiles(policy?.profiles ?? []);
    } catch (e) {
      policy = null;
      problem = policyProblem('unreadable', { reason: 'internal' });
      log?.error(`policy: reading ${source.where} failed`, e);
    }
    const after = view();
    if (JSON.stringify(after) === before && !profilesChanged) return;
    if (policy) log?.info(`policy: applied from ${source.where}`);
    for (const listener of [...listeners]) listener(after);
  };

  let reading: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => (reading = reading.then(readOnce));
  await reload();

  return {
    current: () => policy,
    view,
    isEndpointAllowed: (endpoint) => !policy?.allowedEndpoints || endpointAllowedBy(endpoint, policy.allowedEndpoints.origins),
    checkEndpoint(endpoint) {
      if (policy?.allowedEndpoints && !endpointAllowedBy(endpoint, policy.allowedEndpoints.origins))
        throw fail('endpoint-not-allowed', { details: { field: 'endpoint', reason: 'not-allowed' } });
    },
    checkUserProfiles() {
      if (policy && !policy.allowUserProfiles)
        throw fail('policy-refused', { messageKey: 'policy.refused.user-profiles', details: { reason: 'user-profiles' } });
    },
    updatesAllowed: () => policy?.updates ?? true,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    watch: () => watchSource(source, reload),
  };
}

/** A read as a policy or a problem (absent: neither). */
function outcomeOf(read: PolicyRead): { policy: Policy } | { problem: PolicyProblem } | { absent: true } {
  if (read.kind === 'absent') return { absent: true };
  if (read.kind === 'bad') return { problem: read.problem };
  return readPolicyDocument(read.document);
}

/** Reads again shortly after a change in one of the source's folders (those that exist), and every pollMs; timers never hold the process. */
function watchSource(source: PolicySource, reload: () => Promise<void>): () => void {
  const stops: (() => void)[] = [];
  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    clearTimeout(pending);
    pending = setTimeout(() => void reload(), 150);
    pending.unref?.();
  };
  for (const folder of new Set(source.watchFolders)) {
    try {
      const watcher = fs.watch(folder, { persistent: false }, soon);
      watcher.on('error', () => watcher.close());
      stops.push(() => watcher.close());
    } catch {
      // A folder that does not exist (yet): the polling below finds a policy put there later.
    }
  }
  if (source.pollMs > 0) {
    const timer = setInterval(() => void reload(), source.pollMs);
    timer.unref?.();
    stops.push(() => clearInterval(timer));
  }
  return () => {
    clearTimeout(pending);
    stops.forEach((stop) => stop());
  };
}
