// Signing (issue 20, item 2): a release build with signing configured (or required) fails when signing does not happen; Windows signs
// with Azure Trusted Signing beside a .pfx. The config is read from each OS job's own environment (resources/packaging/signing.mjs).
import { describe, expect, it } from 'vitest';
import { azureSignOptions, macSigning, windowsSigning } from '../../../resources/packaging/signing.mjs';
import config from '../../../resources/electron-builder.config.mjs';

const azure = {
  AZURE_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
  AZURE_SIGNING_ACCOUNT: 'cloudmc-signing',
  AZURE_SIGNING_PROFILE: 'public-trust',
  AZURE_SIGNING_PUBLISHER: 'CloudMC Credentials maintainers',
};

describe('macOS signing', () => {
  it('is forced as soon as a Developer ID certificate is given, so a failed signing fails the build', () => {
    expect(macSigning({ CSC_LINK: 'base64-p12' })).toEqual({ forceCodeSigning: true });
    expect(macSigning({ CSC_NAME: 'Developer ID Application: X' })).toEqual({ forceCodeSigning: true });
  });

  it('is forced when the release requires it even if the secret is missing (the build then fails instead of shipping unsigned)', () => {
    expect(macSigning({ CLOUDMC_REQUIRE_SIGNING: 'true' })).toEqual({ forceCodeSigning: true });
  });

  it('is not forced for a local, unsigned build (no certificate, not required)', () => {
    expect(macSigning({})).toEqual({ forceCodeSigning: false });
    expect(macSigning({ CSC_LINK: '', CLOUDMC_REQUIRE_SIGNING: 'false' })).toEqual({ forceCodeSigning: false });
  });
});

describe('Windows signing', () => {
  it('uses Azure Trusted Signing when its account is named, and forces signing', () => {
    expect(windowsSigning(azure)).toEqual({
      azureSignOptions: {
        endpoint: azure.AZURE_SIGNING_ENDPOINT,
        codeSigningAccountName: azure.AZURE_SIGNING_ACCOUNT,
        certificateProfileName: azure.AZURE_SIGNING_PROFILE,
        publisherName: azure.AZURE_SIGNING_PUBLISHER,
      },
      forceCodeSigning: true,
    });
  });

  it('uses the .pfx in CSC_LINK otherwise, also forced', () => {
    expect(windowsSigning({ CSC_LINK: 'base64-pfx' })).toEqual({ azureSignOptions: null, forceCodeSigning: true });
  });

  it('refuses a half-configured Azure account instead of silently signing with nothing', () => {
    expect(() => azureSignOptions({ AZURE_SIGNING_ENDPOINT: azure.AZURE_SIGNING_ENDPOINT })).toThrow(
      /AZURE_SIGNING_ACCOUNT, AZURE_SIGNING_PROFILE, AZURE_SIGNING_PUBLISHER missing/,
    );
  });

  it('is forced when required, and left alone for a local unsigned build', () => {
    expect(windowsSigning({ CLOUDMC_REQUIRE_SIGNING: 'true' })).toEqual({ azureSignOptions: null, forceCodeSigning: true });
    expect(windowsSigning({})).toEqual({ azureSignOptions: null, forceCodeSigning: false });
  });
});

describe('electron-builder config', () => {
  it('takes its mac and win signing options from these (here, with no signing material: not forced)', () => {
    expect(config.mac?.forceCodeSigning).toBe(macSigning(process.env).forceCodeSigning);
    expect(config.win?.forceCodeSigning).toBe(windowsSigning(process.env).forceCodeSigning);
    expect(config.win?.azureSignOptions).toEqual(windowsSigning(process.env).azureSignOptions);
    expect(config.forceCodeSigning).toBeUndefined(); // Linux packages are not code-signed: never forced there
  });
});
