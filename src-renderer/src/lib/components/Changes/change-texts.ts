// The words of "Changes since your last visit": one sentence per change naming its key, and a profile's counts; shared by the key screen and Key health.
import { changeKinds, type KeyChangeView, type ProfileChangesView } from '../../../../../src-preload/contract/health';
import { formatDateTime, isolate } from '../../format';

/** svelte-i18n's formatter, as the components hold it. */
type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** One change in plain words, e.g. "nightly-backup: first used from 203.0.113.7" (the name isolated, never markup). */
export function changeText(t: Translate, change: KeyChangeView, locale: string): string {
  const values = { name: isolate(change.keyName), ip: change.ip ?? '', time: change.at ? formatDateTime(change.at, locale) : '' };
  const variant = change.kind === 'firstUsed' && change.ip === null ? 'firstUsedNoIp' : change.kind;
  return t(`changes.item.${variant}`, { values });
}

/** A profile's counts in words, only the kinds it has ("1 new key, 2 new IPs"). */
export function countsText(t: Translate, view: ProfileChangesView): string {
  return changeKinds
    .filter((k) => view.counts[k] > 0)
    .map((k) => t(`changes.count.${k}`, { values: { count: view.counts[k] } }))
    .join(t('changes.separator'));
}
