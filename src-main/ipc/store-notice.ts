// Turns what opening the stores found (corrupt file backed up, newer version) into the notice the UI shows.
import type { AppState } from '../../src-preload/contract/models';
import type { AppStores } from '../services/store/app-stores';

/** The first store notice worth telling the user, or null. */
export function storeNoticeFor(stores: AppStores): AppState['storeNotice'] {
  const found = [{ notice: stores.config.notice, filePath: stores.config.filePath }, stores.cache.notice()];
  for (const entry of found) {
    const notice = entry?.notice;
    if (notice?.kind === 'corrupt-backed-up') return { messageKey: 'store.corrupt', backupPath: notice.backupPath };
    if (notice?.kind === 'newer-version-read-only' && entry) return { messageKey: 'store.newer', backupPath: entry.filePath };
  }
  return null;
}
