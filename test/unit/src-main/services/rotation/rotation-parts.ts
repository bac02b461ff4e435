// Builds the rotation's parts (steps, driver) from an app's real services, for the tests of each part.
import type { AppServices } from '../../../../../src-main/services/app-services';
import { createCloudmcClient } from '../../../../../src-main/services/cloudmc/cloudmc-client';
import type { Keychain } from '../../../../../src-main/services/keychain/keychain';
import { createKeychainCopies } from '../../../../../src-main/services/keychain/keychain-copies';
import { KeychainMonitor } from '../../../../../src-main/services/keychain/keychain-monitor';
import { ProfileQueue } from '../../../../../src-main/services/profile-queue';
import type { RotationRecord } from '../../../../../src-main/services/rotation/rotation-journal';
import { createRotationSteps, type StepDeps } from '../../../../../src-main/services/rotation/rotation-steps';
import { rotationRecord } from '../../../rotation-fixtures';

/** The step deps over an app's services and `keychain` (the keychain the app was opened on, or one wrapping it). */
function stepDepsOf(app: AppServices, keychain: Keychain, now: () => Date): StepDeps {
  return {
    profiles: app.profiles,
    credentials: app.credentials,
    copies: createKeychainCopies(new KeychainMonitor(keychain)),
    queue: new ProfileQueue(),
    makeClient: (conn) => createCloudmcClient(conn, { attempts: 1, timeoutMs: 2_000 }),
    now,
  };
}

/** The step performer over an app's services. */
export const stepsOf = (app: AppServices, keychain: Keychain, now: () => Date) => createRotationSteps(stepDepsOf(app, keychain, now));

/** A record of a rotation of `oldKeyId` at `status`, as the journal would hold it (started now, nothing stored yet). */
export function recordOf(
  profileId: string,
  oldKeyId: string,
  status: RotationRecord['status'],
  change: Partial<RotationRecord> = {},
): RotationRecord {
  const at = new Date().toISOString();
  return rotationRecord({
    id: `r-${status}`,
    profileId,
    oldKeyId,
    oldKeyName: 'old',
    newKeyId: null,
    newKeyName: 'replacement',
    status,
    storedInKeychain: false,
    startedAt: at,
    updatedAt: at,
    ...change,
  });
}
