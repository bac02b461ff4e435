// Turns "this changed" from the services into events carrying main's view as it is now: one at a time, in order, and a change
// announced again before its event was built is sent once (with the newer view).
import type { KeychainStatus, KeysView, PendingSecretView, ProfileSummary } from '../../src-preload/contract/models';
import type { RotationView } from '../../src-preload/contract/rotation';
import { AppFailure } from '../errors';
import type { Logger } from '../log';
import type { AppEvents } from './app-events';

/** What the services call when something a window shows changed. */
export interface ChangeEvents {
  /** A profile's key screen changed; `view` when the caller has main's view already (e.g. a refresh with its failure), else it is read. */
  keysChanged(profileId: string, view?: KeysView): void;
  /** A profile's rotations changed. */
  rotationChanged(profileId: string): void;
  /** The one-time keys held in main changed (one added, copied, stored or dismissed). */
  secretsChanged(): void;
  /** The keychain's status changed. */
  keychainChanged(status: KeychainStatus): void;
  /** Profiles were added, changed or removed (the profiles list written). */
  profilesChanged(): void;
  /** Settles once every change announced so far was sent (tests, quit). */
  idle(): Promise<void>;
}

/** Where the events' views are read. */
export interface ChangeSources {
  /** The key screen of a profile as main decides it now (throws profile-not-found once it was removed). */
  keysView(profileId: string): Promise<KeysView>;
  rotations(profileId: string): RotationView[];
  pendingSecrets(): PendingSecretView[];
  profiles(): Promise<ProfileSummary[]>;
}

/** Creates the notifier over the emitter. */
export function createChangeEvents(events: AppEvents, sources: ChangeSources, log?: Logger): ChangeEvents {
  /** Changes not sent yet, by what they are about: a newer announcement replaces the queued one (its view would be older). */
  const queued = new Map<string, () => Promise<void> | void>();
  let draining: Promise<void> = Promise.resolve();
  let scheduled = false;

  const drain = async (): Promise<void> => {
    await null; // the change that announced itself finishes first (e.g. the list is saved before its view is read)
    for (let next = queued.entries().next(); !next.done; next = queued.entries().next()) {
      const [about, send] = next.value;
      queued.delete(about);
      try {
        await send();
      } catch (e) {
        // A profile removed meanwhile has no screen left to tell about.
        if (!(e instanceof AppFailure && e.appError.code === 'profile-not-found')) log?.error(`event about ${about.split(':')[0]} not sent`, e);
      }
    }
    scheduled = false;
  };
  const schedule = (about: string, send: () => Promise<void> | void): void => {
    queued.set(about, send);
    if (scheduled) return;
    scheduled = true;
    draining = draining.then(drain);
  };

  return {
    keysChanged(profileId, view) {
      schedule(`keys:${profileId}`, async () => events.emit('keys:did-change', { profileId, view: view ?? (await sources.keysView(profileId)) }));
    },
    rotationChanged(profileId) {
      schedule(`rotation:${profileId}`, () => events.emit('rotation:did-change', { profileId, rotations: sources.rotations(profileId) }));
    },
    secretsChanged() {
      schedule('secrets', () => events.emit('secrets:did-change', { pending: sources.pendingSecrets() }));
    },
    keychainChanged(status) {
      schedule('keychain', () => events.emit('keychain:did-change', { status }));
    },
    profilesChanged() {
      schedule('profiles', async () => events.emit('profiles:did-change', { profiles: await sources.profiles() }));
    },
    async idle() {
      while (scheduled) await draining;
    },
  };
}
