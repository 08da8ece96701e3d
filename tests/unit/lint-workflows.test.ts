// The offline workflow lint (scripts/lint-workflows.mjs) must really look: it passes the
// repository's workflows, and it fails, naming the line, on workflows that are broken in ways
// GitHub would only report after a push (a misspelt key, a broken expression, an unknown runner).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve(__dirname, '../../scripts/lint-workflows.mjs');

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A throwaway repository root holding the given workflow files. */
function repoWith(workflows: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'avatar-watch-workflows-'));
  folders.push(root);
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  for (const [name, text] of Object.entries(workflows)) writeFileSync(join(root, '.github', 'workflows', name), text);
  return root;
}

function lint(root?: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, root ? [SCRIPT, root] : [SCRIPT], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const GOOD = `name: good
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.sha }}"
`;

describe('lint-workflows', () => {
  it("passes this repository's workflows with 0 findings", () => {
    const { status, output } = lint();
    expect(output).toMatch(/[1-9]\d* workflow file\(s\), 0 findings/);
    expect(status).toBe(0);
  });

  it('passes a correct workflow', () => {
    const { status, output } = lint(repoWith({ 'good.yml': GOOD }));
    expect(output).toContain('1 workflow file(s), 0 findings');
    expect(status).toBe(0);
  });

  it('fails on a misspelt key, a broken expression and an unknown runner label, with their lines', () => {
    const broken = `name: broken
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutse: 5
    steps:
      - run: echo "\${{ github.sha == }}"
  other:
    runs-on: ubuntu-lates
    steps:
      - run: echo ok
`;
    const { status, output } = lint(repoWith({ 'good.yml': GOOD, 'broken.yaml': broken }));
    expect(status).toBe(1);
    expect(output).toMatch(/broken\.yaml:6:\d+: unexpected key "timeout-minutse"/);
    expect(output).toMatch(/broken\.yaml:8:\d+: .*parsing/);
    expect(output).toMatch(/broken\.yaml:10:\d+: label "ubuntu-lates" is unknown/);
    expect(output).toContain('3 finding(s) in 2 workflow file(s)');
  });

  it('fails when there is no workflow to lint, instead of passing silently', () => {
    const root = mkdtempSync(join(tmpdir(), 'avatar-watch-workflows-'));
    folders.push(root);
    const { status, output } = lint(root);
    expect(status).toBe(1);
    expect(output).toContain('no workflow files');
  });
});
