// The words for a cached list shown instead of a fresh one, by main's kind: only `offline` says "Offline".
import type { StaleKind } from './state/keys.svelte';

/** The i18n keys of the banner's title, its first sentence, and why changes are disabled, for each kind. */
export const staleTexts: Record<StaleKind, { title: string; lead: string; disabled: string }> = {
  offline: { title: 'keys.offline', lead: 'keys.offlineUnreachable', disabled: 'keys.offlineDisabled' },
  'rate-limited': { title: 'keys.limited', lead: 'keys.limitedLead', disabled: 'keys.limitedDisabled' },
  server: { title: 'keys.serverTrouble', lead: 'keys.serverTroubleLead', disabled: 'keys.serverTroubleDisabled' },
};
