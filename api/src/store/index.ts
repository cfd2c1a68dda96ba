export * from './types.js';
export { keys, checkTenant } from './keys.js';
export { getJson, getJsonWithEtag, putJson, updateJson, CorruptObjectError, type Mutation } from './json.js';
