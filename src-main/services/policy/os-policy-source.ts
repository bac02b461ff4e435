// The OS's managed place for this platform: the only place the desktop app takes a policy from (never a user-writable one, never argv).
import os from 'node:os';
import { macPolicySource } from './mac-managed-preferences';
import { jsonFileSource, type PolicySource } from './policy-source';
import { registryPolicySource } from './windows-registry';

/** Linux (and other Unix): a root-owned JSON file. */
export const linuxPolicyFile = '/etc/cloudmc-credentials/policy.json';

/** The policy source of a platform: the registry on Windows, managed preferences on macOS, /etc elsewhere. */
export function osPolicySource(platform: NodeJS.Platform = process.platform): PolicySource {
  if (platform === 'win32') return registryPolicySource();
  if (platform === 'darwin') return macPolicySource({ user: safeUserName() });
  return jsonFileSource(linuxPolicyFile);
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
