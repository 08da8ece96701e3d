// Main's words come from the window's catalogue: same texts, same interpolation and plurals.
import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en';
import { createTranslator, pickLocale } from '../../../main/shell/text';

describe('main process text', () => {
  it('reads the same catalogue as the window', () => {
    const t = createTranslator('en-US');
    expect(t('app.title')).toBe(en.app.title);
    expect(t('account.connectedAs', { username: 'Ada' })).toBe('Connected as Ada');
  });

  it('falls back to English for a language it has no catalogue for', () => {
    expect(pickLocale(['xx-YY'])).toBe('en');
    expect(createTranslator('xx')('key.save')).toBe(en.key.save);
  });
});
