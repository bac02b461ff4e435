// The contract between renderer, preload and main: channels, inputs, outputs, errors.
export * from './channels';
export * from './errors';
export * from './models';
export * from './schemas';
export * from './bridge';
export * from './limits';
