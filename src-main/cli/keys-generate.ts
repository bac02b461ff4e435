// `keys generate --profile P --name N [--print] [--json]`: a new key on CloudMC, its value kept in the keychain.
import { checkKeyName } from '../services/credentials/credentials-service';
import type { CommandEnv } from './command-env';
import { keyJson, printWarning, progress } from './command-helpers';
import { CliFailure, exitCodes, keychainReason, messageOf } from './exit-codes';
import { jsonText, safeText } from './output';
import { resolveProfile } from './resolve-names';

/**
 * Generates the key. A key's value must never be lost: with no keychain the command refuses before anything is generated;
 * if storing fails after CloudMC made the key, the value goes to stdout with a warning (exit 5).
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
