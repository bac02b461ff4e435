// Code signing for the macOS and Windows installers, read from the environment the release workflow gives each OS's job (only that
// OS's secrets). Whenever signing is configured (or required), electron-builder's forceCodeSigning makes an unsigned build fail
// instead of warning: a release meant to be signed never ships unsigned.

/** The repository variables naming an Azure Trusted Signing account, and the electron-builder option each fills. */
const azureVariables = {
  AZURE_SIGNING_ENDPOINT: 'endpoint',
  AZURE_SIGNING_ACCOUNT: 'codeSigningAccountName',
  AZURE_SIGNING_PROFILE: 'certificateProfileName',
  AZURE_SIGNING_PUBLISHER: 'publisherName',
};

/** True when the release requires signed installers whatever else is set (repository variable CLOUDMC_REQUIRE_SIGNING=true). */
function signingRequired(env) {
  return env['CLOUDMC_REQUIRE_SIGNING'] === 'true';
}

/**
 * electron-builder's `win.azureSignOptions` for Azure Trusted Signing (certificates that cannot be exported as a .pfx), or null when
 * no account is named. Naming only some of the four is a configuration error, reported at once. The credentials themselves
 * (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET) are read by the signing tool from the environment.
 */
export function azureSignOptions(env) {
  const named = Object.keys(azureVariables).filter((v) => env[v]);
  if (named.length === 0) return null;
  const missing = Object.keys(azureVariables).filter((v) => !env[v]);
  if (missing.length > 0) throw new Error(`Azure Trusted Signing is half configured: ${missing.join(', ')} missing (${named.join(', ')} set)`);
  return Object.fromEntries(Object.entries(azureVariables).map(([variable, option]) => [option, env[variable]]));
}

/** The `win` options for signing: Azure Trusted Signing or a .pfx (CSC_LINK); forced whenever either is configured or signing is required. */
export function windowsSigning(env) {
  const azure = azureSignOptions(env);
  return { azureSignOptions: azure, forceCodeSigning: signingRequired(env) || azure !== null || Boolean(env['CSC_LINK']) };
}

/** The `mac` options for signing: a Developer ID certificate (CSC_LINK or CSC_NAME); forced whenever one is configured or signing is required. */
export function macSigning(env) {
  return { forceCodeSigning: signingRequired(env) || Boolean(env['CSC_LINK'] || env['CSC_NAME']) };
}
