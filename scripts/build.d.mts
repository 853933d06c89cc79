// Types of scripts/build.mjs for the TypeScript that imports it (tests, bench).
/** True when dist/ was built from the sources as they are now. */
export function isBuildCurrent(): boolean;
/** A clean build of dist/ (tsc, then the files under src/ that are not TypeScript). */
export function build(): void;
