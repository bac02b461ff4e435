// Formatting helpers for dates, key fields, profiles and long lists.
export * from './date';
export * from './key-fields';
export * from './profiles';
export * from './sort';
export * from './split-message';
export * from './windowing';
