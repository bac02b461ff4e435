// Finds Electron's executable without ever starting its download: the lookup `npm start` uses too (resources/dev/electron-binary.mjs).
export { binaryMissingReason, electronBinary, electronPackageDir } from '../../resources/dev/electron-binary.mjs';
