// Turns what opening the stores found (corrupt file backed up, newer version) into the notice the UI shows.
import type { AppState } from '../../src-preload/contract/models';
import type { AppStores } from '../services/store/app-stores';

/** The first store notice worth telling the user, or null. */
export function storeNoticeFor(stores: AppStores): AppState['storeNotice'] {
  for (const store of [stores.config, stores.cache]) {
    const notice = store.notice;
    if (notice?.kind === 'corrupt-backed-up') return { messageKey: 'store.corrupt', backupPath: notice.backupPath };
    if (notice?.kind === 'newer-version-read-only') return { messageKey: 'store.newer', backupPath: store.filePath };
  }
  return null;
}
