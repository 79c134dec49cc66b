// What forge needs of a native solc, answered by solc-js: `--version`, and `--standard-json` on stdin
// with pure JSON on stdout (the solcjs CLI prints a warning line first, which forge cannot parse).
import { readFileSync } from 'node:fs';
import { compileStandardJson, solc } from './solc-input.mjs';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  console.log('solc, the solidity compiler commandline interface');
  console.log(`Version: ${solc.version()}`);
} else if (args.includes('--standard-json')) {
  process.stdout.write(compileStandardJson(readFileSync(0, 'utf8')));
} else {
  console.error(`this solc wrapper answers --version and --standard-json only, not: ${args.join(' ')}`);
  process.exit(2);
}
