// The typed bridge: one named function per channel, built over any transport (Electron IPC or the test web host).
import type { AppError, IpcResult } from './errors';
import type { AppState, CopyOutcome, GeneratedKey, ImportReport, KeychainStatus, KeyList, KeySearchHit, PendingSecretView, ProfileExport, ProfileSummary, RenamedKey, RevokeOutcome, Settings, StoredCopy } from './models';
import type { ChannelInput } from './schemas';
import { bridgeChannels, type BridgeFunctionName, type Channel } from './channels';

/** The output type of each channel. */
export interface ChannelOutputs {
  'app:get-state': AppState;
  'app:cancel-request': null;
  'app:retry-keychain': KeychainStatus;
  'settings:update-settings': Settings;
  'profiles:list-profiles': ProfileSummary[];
  'profiles:add-profile': ProfileSummary;
  'profiles:provide-access-key': ProfileSummary;
  'profiles:select-profile': null;
  'profiles:update-profile': ProfileSummary;
  'profiles:duplicate-profile': ProfileSummary;
  'profiles:remove-profile': null;
  'profiles:export-profiles': ProfileExport;
  'profiles:import-profiles': ImportReport;
  'keys:list-cached': KeyList | null;
  'keys:refresh-keys': KeyList;
  'keys:search-cached': KeySearchHit[];
  'keys:generate-key': GeneratedKey;
  'keys:rename-key': RenamedKey;
  'keys:revoke-key': RevokeOutcome;
  'secrets:copy-secret': CopyOutcome;
  'secrets:store-secret': null;
  'secrets:dismiss-secret': null;
  'secrets:list-pending': PendingSecretView[];
  'copies:list-copies': StoredCopy[];
  'copies:copy-stored': CopyOutcome;
  'copies:reveal-stored': { value: string };
  'copies:remove-copy': null;
  'copies:remove-orphans': { removed: number };
  'clipboard:copy-text': CopyOutcome;
}

type InputOf<C extends Channel> = ChannelInput<C>;
type BridgeFunction<C extends Channel> = [InputOf<C>] extends [undefined]
  ? () => Promise<IpcResult<ChannelOutputs[C]>>
  : (input: InputOf<C>) => Promise<IpcResult<ChannelOutputs[C]>>;

/** `window.cloudmc`: what the renderer may call. */
export type CloudmcBridge = { [F in BridgeFunctionName]: BridgeFunction<(typeof bridgeChannels)[F]> };

/** Sends one call over a transport; must resolve to an IpcResult, never reject. */
export type BridgeTransport = (channel: Channel, input: unknown) => Promise<IpcResult<unknown>>;

/** Builds the named bridge functions over a transport. */
export function createBridge(transport: BridgeTransport): CloudmcBridge {
  const bridge: Record<string, (input?: unknown) => Promise<IpcResult<unknown>>> = {};
  for (const [name, channel] of Object.entries(bridgeChannels)) {
    bridge[name] = (input?: unknown) => transport(channel, input).catch((e: unknown) => transportFailure(e));
  }
  return Object.freeze(bridge) as unknown as CloudmcBridge;
}

function transportFailure(e: unknown): IpcResult<never> {
  const error: AppError = { code: 'internal', kind: 'internal', messageKey: 'errors.internal', retryable: true, details: { reason: String(e instanceof Error ? e.message : e).slice(0, 200) } };
  return { ok: false, error };
}
