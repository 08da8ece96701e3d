// User-facing text must come from the catalogue. Two scans, precise enough not to trip on logs:
// (1) every .vue template under renderer/: literal text nodes and literal aria-label, title,
// placeholder, alt and aria-description values holding letters; (2) main/shell, the only part
// of main that shows anything itself: string literals in the positions a person reads (menu
// and tray labels, notification and dialog texts, tooltips). Proper nouns are allowed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parse as parseSfc } from 'vue/compiler-sfc';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Names and symbols that read the same in every language. */
const PROPER_NOUNS = /JoggAI|Avatar Watch|HTTP|API|ID|https?/g;
const hasWords = (text: string): boolean => /\p{L}{2,}/u.test(text.replace(PROPER_NOUNS, ''));

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription', 'label']);

interface TemplateNode {
  type: number;
  content?: string;
  tag?: string;
  props?: { type: number; name: string; value?: { content: string } }[];
  children?: TemplateNode[];
  loc: { start: { line: number } };
}

/** Literal words a template shows: text nodes (type 2) and static attributes (prop type 6). */
export function literalTemplateText(source: string): string[] {
  const { descriptor } = parseSfc(source);
  const found: string[] = [];
  const visit = (node: TemplateNode): void => {
    if (node.type === 2 && node.content !== undefined && hasWords(node.content)) found.push(`line ${node.loc.start.line}: "${node.content.trim()}"`);
    for (const prop of node.props ?? []) {
      if (prop.type === 6 && READ_ATTRIBUTES.has(prop.name) && prop.value && hasWords(prop.value.content)) {
        found.push(`line ${node.loc.start.line}: ${prop.name}="${prop.value.content}"`);
      }
    }
    // <style> and <script> inside a template are not text a person reads.
    if (node.tag === 'style' || node.tag === 'script') return;
    for (const child of node.children ?? []) visit(child);
  };
  const ast = descriptor.template?.ast as TemplateNode | undefined;
  if (ast) visit(ast);
  return found;
}

/** Where main/shell puts words in front of a person. */
const READ_PROPERTIES = new Set(['label', 'sublabel', 'toolTip', 'title', 'body', 'subtitle', 'detail', 'message', 'buttons', 'checkboxLabel']);
const READ_CALLS = /(^|\.)(setToolTip|setTitle|showErrorBox|showMessageBox|showMessageBoxSync|setBadge|displayBalloon)$/;

/** String literals with words in user-facing positions of a main-process module. */
export function literalShellText(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, where: string): void => {
    const text = ts.isStringLiteralLike(node) ? node.text : ts.isTemplateExpression(node) ? node.getText(file) : null;
    if (text !== null && hasWords(text.replace(/\$\{[^}]*\}/g, ''))) {
      found.push(`${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1} ${where}: ${text}`);
    }
  };
  /** Whether a node sits in a call a person reads (a dialog, a notification, a menu, a tray). */
  const inShownCall = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
      if (ts.isCallExpression(at) && READ_CALLS.test(at.expression.getText(file))) return true;
      if (ts.isNewExpression(at) && /Notification$/.test(at.expression.getText(file))) return true;
      if (ts.isCallExpression(at) && /buildFromTemplate$/.test(at.expression.getText(file))) return true;
    }
    return false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && READ_PROPERTIES.has(node.name.text)) {
      // `message` is also AppError's and Notice's log line; only in a dialog is it read.
      const shown = node.name.text !== 'message' || inShownCall(node);
      if (shown) {
        if (ts.isArrayLiteralExpression(node.initializer)) for (const element of node.initializer.elements) report(element, node.name.text);
        else report(node.initializer, node.name.text);
      }
    }
    if (ts.isCallExpression(node) && READ_CALLS.test(node.expression.getText(file))) {
      for (const argument of node.arguments) report(argument, node.expression.getText(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('user-facing text goes through the catalogue', () => {
  it('no .vue template under renderer/ shows literal words', () => {
    const found = filesUnder(join(ROOT, 'renderer'), '.vue').flatMap((path) =>
      literalTemplateText(readFileSync(path, 'utf8')).map((hit) => `${relative(ROOT, path)} ${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('nothing main/shell shows itself is a literal sentence', () => {
    const found = filesUnder(join(ROOT, 'main/shell'), '.ts').flatMap((path) => literalShellText(relative(ROOT, path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the scans find what they look for, and leave logs and proper nouns alone', () => {
    expect(
      literalTemplateText(`<template><p>{{ t('a') }} Ready <b aria-label="Close it">×</b><i title="JoggAI">·</i></p></template>`),
    ).toEqual(['line 1: "Ready"', 'line 1: aria-label="Close it"']);
    const shell = `
      logger.info('Tray icons are shown here.');
      const error = { kind: 'network', message: 'Log line only' };
      dialog.showMessageBox({ message: 'Update ready', buttons: [t('x'), 'Later'] });
      tray.setToolTip(\`Avatar Watch — \${n} in progress\`);
      new Notification({ title: t('a'), body: 'Photo is ready' });
      Menu.buildFromTemplate([{ label: 'Check all now' }, { role: 'quit', label: t('menu.quit') }]);`;
    expect(literalShellText('x.ts', shell).map((hit) => hit.replace(/^x\.ts:\d+ /, ''))).toEqual([
      'message: Update ready',
      'buttons: Later',
      'tray.setToolTip: `Avatar Watch — ${n} in progress`',
      'body: Photo is ready',
      'label: Check all now',
    ]);
  });
});
