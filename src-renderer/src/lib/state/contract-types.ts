// Contract types re-exported for the renderer (types only: the renderer must not bundle zod).
export type {
  AppState,
  ApiKeyView,
  CopyOutcome,
  GeneratedKey,
  ImportReport,
  KeysView,
  KeySearchHit,
  KeychainStatus,
  PendingSecretView,
  LanguageChoice,
  OrphanCheck,
  OrphanRemoval,
  ProfileExport,
  ProfileShortcuts,
  ProfileSummary,
  RenamedKey,
  RevokeOutcome,
  Settings,
  StoredCopy,
} from '../../../../src-preload/contract/models';
export type { AppError, IpcResult } from '../../../../src-preload/contract/errors';
export type { PolicyView } from '../../../../src-preload/contract/policy';
export type { ProfileScreen } from '../../../../src-preload/contract/profile-screen';
export type { MaybeCreated } from '../../../../src-preload/contract/maybe-created';
