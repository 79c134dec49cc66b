// Shared by compile.mjs and the forge wrapper: solc-js with imports resolved from the project's node_modules.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = join(here, '..', '..');
const require = createRequire(join(projectRoot, 'package.json'));
export const solc = require('solc');

/** Resolves `@openzeppelin/contracts/...` (and any other package path) from node_modules. */
export function findImport(path) {
  try {
    return { contents: readFileSync(join(projectRoot, 'node_modules', path), 'utf8') };
  } catch {
    return { error: `not found: ${path} (looked in node_modules; run npm ci)` };
  }
}

export function compileStandardJson(input) {
  return solc.compile(typeof input === 'string' ? input : JSON.stringify(input), { import: findImport });
}
