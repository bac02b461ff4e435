// Types for electron-builder.config.mjs, so TypeScript tests can import it.
import type { Configuration } from 'electron-builder';

declare const config: Configuration;
export default config;
