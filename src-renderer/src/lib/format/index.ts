// Formatting helpers for dates, key fields, profiles (and sidebar groups), long lists, API text and error values.
export * from './bidi';
export * from './date';
export * from './error-values';
export * from './key-fields';
export * from './profiles';
export * from './split-message';
export * from './windowing';
export * from './sidebar-groups';
