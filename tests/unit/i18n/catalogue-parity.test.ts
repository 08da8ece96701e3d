// Every locale says everything English says, with the same placeholders and plural cases: a key
// missing, extra, or with a `{name}` another locale lacks fails here, before a user sees a raw
// key path or a blank where a number belonged.
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en';
import zhCN from '../../../renderer/src/i18n/zh-CN';

type Tree = { readonly [key: string]: string | Tree };

/** Every message by its dotted path. */
export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, `${path}.`)) out.set(inner, text);
  }
  return out;
}

/** The `{name}` placeholders a message uses (literals such as {'@'} are not placeholders). */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*\}/g)].map((match) => match[1]!))].sort();
}

/** How many plural cases a message has (`a | b | c`), counting only unescaped pipes. */
export function pluralCases(message: string): number {
  return message.replace(/\{'[^']*'\}/g, '').split('|').length;
}

export interface Mismatch {
  key: string;
  problem: string;
}

export function compareCatalogues(reference: Tree, other: Tree): Mismatch[] {
  const a = flatten(reference);
  const b = flatten(other);
  const problems: Mismatch[] = [];
  for (const key of a.keys()) if (!b.has(key)) problems.push({ key, problem: 'missing' });
  for (const key of b.keys()) if (!a.has(key)) problems.push({ key, problem: 'extra' });
  for (const [key, source] of a) {
    const target = b.get(key);
    if (target === undefined) continue;
    if (target.trim() === '') problems.push({ key, problem: 'empty' });
    const want = placeholders(source).join(',');
    const got = placeholders(target).join(',');
    if (want !== got) problems.push({ key, problem: `placeholders {${want}} vs {${got}}` });
    if (pluralCases(source) !== pluralCases(target)) {
      problems.push({ key, problem: `plural cases ${pluralCases(source)} vs ${pluralCases(target)}` });
    }
  }
  return problems;
}

describe('the catalogues', () => {
  it('zh-CN has exactly English’s keys, placeholders and plural cases', () => {
    expect(compareCatalogues(en, zhCN)).toEqual([]);
  });

  it('zh-CN is Chinese, not English left in place', () => {
    // Proper nouns and symbols may stay; a whole English sentence may not.
    const leftEnglish = [...flatten(zhCN)].filter(([, text]) => /[A-Za-z]{3,}( [A-Za-z]{2,}){3,}/.test(text.replace(/Avatar Watch|JoggAI|GNOME Keyring|Apple Developer ID|Secret Service|sudo apt install gnome-keyring/g, '')));
    expect(leftEnglish).toEqual([]);
  });

  it('catches what it is for: a missing key, an extra key, a changed placeholder, a lost plural case', () => {
    const reference = { a: { b: 'Added {n} photo | Added {n} photos', c: 'Hi {name}' } };
    expect(compareCatalogues(reference, { a: { b: '已添加 {n} 张照片', d: 'x' } })).toEqual([
      { key: 'a.c', problem: 'missing' },
      { key: 'a.d', problem: 'extra' },
      { key: 'a.b', problem: 'plural cases 2 vs 1' },
    ]);
    expect(compareCatalogues(reference, { a: { b: '{count} | {count}', c: '你好 {name}' } })).toEqual([
      { key: 'a.b', problem: 'placeholders {n} vs {count}' },
    ]);
  });
});
