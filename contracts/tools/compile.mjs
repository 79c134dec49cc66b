// Compiles contracts/src with solc-js and writes <Name>.abi and <Name>.bin for every deployable contract.
// Usage: node contracts/tools/compile.mjs <outdir>. Skipped when a hash of the inputs is unchanged.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileStandardJson, projectRoot, solc } from './solc-input.mjs';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node contracts/tools/compile.mjs <outdir>');
  process.exit(2);
}
const srcDir = join(projectRoot, 'contracts', 'src');

function solidityFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return solidityFiles(path);
    return name.endsWith('.sol') ? [path] : [];
  }).sort();
}

const sources = Object.fromEntries(
  solidityFiles(srcDir).map((path) => [relative(srcDir, path), { content: readFileSync(path, 'utf8') }]));
const settings = {
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};
const input = { language: 'Solidity', sources, settings };

const hash = createHash('sha256').update(solc.version()).update(JSON.stringify(input)).digest('hex');
const stamp = join(outDir, 'inputs.sha256');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  console.log(`contracts unchanged, compile skipped (${outDir})`);
  process.exit(0);
}

const output = JSON.parse(compileStandardJson(input));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  console.error(`solc ${solc.version()}: ${errors.length} error(s)`);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
const written = [];
for (const [file, contracts] of Object.entries(output.contracts)) {
  if (!sources[file]) continue; // OpenZeppelin's own contracts come along; only ours are written
  for (const [name, artifact] of Object.entries(contracts)) {
    // interfaces and abstract contracts have no bytecode; libraries of internal functions no functions
    if (!artifact.evm.bytecode.object || !artifact.abi.some((e) => e.type === 'function')) continue;
    writeFileSync(join(outDir, `${name}.abi`), JSON.stringify(artifact.abi));
    writeFileSync(join(outDir, `${name}.bin`), artifact.evm.bytecode.object);
    written.push(name);
  }
}
writeFileSync(stamp, hash);
console.log(`compiled ${written.join(', ')} with solc ${solc.version()} into ${outDir}`);
