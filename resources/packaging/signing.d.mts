// Types for signing.mjs, so TypeScript tests can import it.

/** electron-builder's `win.azureSignOptions` from the environment, or null when no Azure Trusted Signing account is named. */
export declare function azureSignOptions(
  env: NodeJS.ProcessEnv,
): { endpoint: string; codeSigningAccountName: string; certificateProfileName: string; publisherName: string } | null;
/** The `win` signing options from the environment. */
export declare function windowsSigning(env: NodeJS.ProcessEnv): { azureSignOptions: ReturnType<typeof azureSignOptions>; forceCodeSigning: boolean };
/** The `mac` signing options from the environment. */
export declare function macSigning(env: NodeJS.ProcessEnv): { forceCodeSigning: boolean };
