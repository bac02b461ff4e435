// The contract between renderer, preload and main: names (operations, events), shapes, errors, rules, limits.
export * from './errors';
export * from './names';
export * from './rules';
export * from './models';
export * from './policy';
export * from './operations';
export * from './events';
export * from './bridge';
export * from './limits';
export * from './defaults';
