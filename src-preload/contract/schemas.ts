// Input schemas for every channel: main parses each input with these before any service sees it.
import { z } from 'zod';
import type { Channel } from './channels';
import { codePointLength, keyIdPattern, keyNameMaxCodePoints, clipboardClearMaxSeconds } from './limits';

const id = z.string().min(1).max(200);
/** A CloudMC key id: refused at the bridge unless path-safe (never `..`). */
const keyId = z.string().regex(keyIdPattern);
/** A key name as typed; trimmed and checked for content by main (name-invalid), bounded here so no huge string reaches a service. */
const keyName = z.string().max(4 * keyNameMaxCodePoints + 64).refine((s) => codePointLength(s.trim()) <= keyNameMaxCodePoints, { message: 'too-long' });
/** A request id the renderer picks so it can cancel the call (app:cancel-request). */
const requestId = id.optional();
const secretValue = z.string().min(1).max(4096);
const pem = z.string().max(256 * 1024);

/** The input schema of each channel. */
export const inputSchemas = {
  'app:get-state': z.undefined(),
  'settings:update-settings': z
    .object({
      language: z.enum(['system', 'en', 'fr', 'es']).optional(),
      storeCopyByDefault: z.boolean().optional(),
      clipboardClearSeconds: z.number().int().min(0).max(clipboardClearMaxSeconds).optional(),
    })
    .strict(),
  'profiles:list-profiles': z.undefined(),
  'profiles:add-profile': z
    .object({ name: z.string().max(1000), endpoint: z.string().max(2048), apiKey: secretValue, caPem: pem.optional(), requestId })
    .strict(),
  'profiles:update-profile': z
    .object({ profileId: id, name: z.string().max(1000).optional(), endpoint: z.string().max(2048).optional(), apiKey: secretValue.optional(), caPem: pem.nullable().optional(), requestId })
    .strict(),
  'profiles:duplicate-profile': z.object({ profileId: id }).strict(),
  'profiles:export-profiles': z.object({ profileIds: z.array(id).max(10_000).optional() }).strict(),
  'profiles:import-profiles': z.object({ json: z.string().max(10 * 1024 * 1024), replace: z.boolean() }).strict(),
  'profiles:provide-access-key': z.object({ profileId: id, apiKey: secretValue, requestId }).strict(),
  'profiles:select-profile': z.object({ profileId: id }).strict(),
  'profiles:remove-profile': z.object({ profileId: id }).strict(),
  'keys:list-cached': z.object({ profileId: id }).strict(),
  'keys:refresh-keys': z.object({ profileId: id, requestId }).strict(),
  'app:cancel-request': z.object({ requestId: id }).strict(),
  'app:retry-keychain': z.undefined(),
  'keys:search-cached': z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  'keys:generate-key': z.object({ profileId: id, name: keyName.optional(), storeInKeychain: z.boolean() }).strict(),
  'keys:rename-key': z.object({ profileId: id, keyId, name: keyName, requestId }).strict(),
  'keys:revoke-key': z.object({ profileId: id, keyId, removeStoredCopy: z.boolean().optional(), requestId }).strict(),
  'secrets:copy-secret': z.object({ secretId: id }).strict(),
  'secrets:store-secret': z.object({ secretId: id }).strict(),
  'secrets:dismiss-secret': z.object({ secretId: id }).strict(),
  'secrets:list-pending': z.undefined(),
  'copies:list-copies': z.object({ profileId: id }).strict(),
  'copies:copy-stored': z.object({ profileId: id, keyId }).strict(),
  'copies:reveal-stored': z.object({ profileId: id, keyId }).strict(),
  'copies:remove-copy': z.object({ profileId: id, keyId }).strict(),
  'copies:remove-orphans': z.object({ profileId: id }).strict(),
  'clipboard:copy-text': z.object({ text: z.string().min(1).max(4096) }).strict(),
} as const satisfies Record<Channel, z.ZodType>;

/** The parsed input type of a channel. */
export type ChannelInput<C extends Channel> = z.output<(typeof inputSchemas)[C]>;
