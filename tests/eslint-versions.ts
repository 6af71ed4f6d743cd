import { ESLint as ESLint10 } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";

/**
 * Each major of ESLint the plugin supports, as `[version, ESLint class]`: the `eslint` of the
 * devDependencies, and ESLint 9 installed as `eslint-v9` at the lowest version that
 * `peerDependencies` allows.
 */
export const ESLINT_VERSIONS: ReadonlyArray<readonly [version: string, ESLint: typeof ESLint10]> = [
  [ESLint10.version, ESLint10],
  [ESLint9.version, ESLint9],
];
