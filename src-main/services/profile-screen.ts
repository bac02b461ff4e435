// A profile's key screen from local data in one answer (issue 22, `profiles.open`): the cached keys, the keychain's copies, the
// rotations, the key notes, the uncertain Generates and the changes since the last visit; the profile is remembered for the next start. No CloudMC call.
import type { ProfileScreen } from '../../src-preload/contract/profile-screen';
import { AppFailure, fail } from '../errors';
import type { AppServices } from './app-services';

/** The parts of the app a profile's screen is read from. */
export type ScreenSources = Pick<
  AppServices,
  'profiles' | 'credentials' | 'storedCopies' | 'rotation' | 'stores' | 'health' | 'maybeCreated' | 'keyChanges'
>;

/** Opens a profile's key screen (omitted: the last one shown, else the first); null when there is no profile. */
export async function openProfileScreen(app: ScreenSources, profileId?: string): Promise<ProfileScreen | null> {
  const id = profileId ?? (await lastOrFirstProfile(app));
  if (id === null) return null;
  app.profiles.get(id); // profile-not-found before anything is read
  const [keys, copies] = await Promise.all([app.credentials.listCached(id), copiesOrNull(app, id)]);
  const notRemembered = profileId === undefined ? null : remember(app, id); // before the shortcuts: the profile opened is the most recent
  return {
    keys,
    copies,
    rotations: app.rotation.list(id),
    notes: app.health.notes(id),
    maybeCreated: app.maybeCreated.list(id),
    changes: app.keyChanges.forProfile(id),
    notRemembered,
    shortcuts: app.profiles.shortcuts(),
  };
}

/** The last profile shown when it still exists, else the first, else null. */
async function lastOrFirstProfile(app: ScreenSources): Promise<string | null> {
  const last = app.stores.uiState.read().lastProfileId;
  if (last !== null && exists(app, last)) return last;
  return (await app.profiles.list())[0]?.id ?? null;
}

function exists(app: ScreenSources, profileId: string): boolean {
  try {
    app.profiles.get(profileId);
    return true;
  } catch {
    return false;
  }
}

/** The keychain's copies, or null when it cannot be read now (the window then asks for them apart and shows why). */
async function copiesOrNull(app: ScreenSources, profileId: string): Promise<ProfileScreen['copies']> {
  try {
    return await app.storedCopies.list(profileId);
  } catch (e) {
    if (e instanceof AppFailure) return null;
    throw e;
  }
}

/** Remembers the profile for the next start unless it already is; what went wrong when it could not be saved. */
function remember(app: ScreenSources, profileId: string): ProfileScreen['notRemembered'] {
  if (app.stores.uiState.read().lastProfileId === profileId) return null;
  try {
    app.profiles.select(profileId);
    return null;
  } catch (e) {
    return e instanceof AppFailure ? e.appError : fail('store-write-failed').appError;
  }
}
