// Formatting helpers for dates and key fields.
export * from './date';
export * from './key-fields';
export * from './split-message';
