// The contract between renderer, preload and main: operations (name, input, output), shapes, errors, limits.
export * from './errors';
export * from './models';
export * from './policy';
export * from './operations';
export * from './bridge';
export * from './limits';
export * from './defaults';
