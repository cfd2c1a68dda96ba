/** This SDK's version (kept equal to sdk/package.json by a test). */
export const SDK_VERSION = '0.1.0';
