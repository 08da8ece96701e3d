// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHOTO_ID_SEPARATORS } from '../../../preload/api';
import PhotoIdInput from '../../../renderer/src/components/PhotoIdInput.vue';
import { leftoverText } from '../../../renderer/src/format/paste';
import { MAX_PASTE_BYTES } from '../../../preload/api';
import { utf8Length } from '../../../renderer/src/format/paste-size';
import { createFakeApi, fakeLayout, installApi, mountWithApp, settle } from './fake-api';

function field(wrapper: ReturnType<typeof mountWithApp>) {
  const label = wrapper.findAll('label').find((l) => l.text() === 'Photo IDs');
  expect(label).toBeDefined();
  return wrapper.find<HTMLTextAreaElement>(`#${label!.attributes('for')}`);
}

describe('photo ID paste box', () => {
  let undoLayout: () => void;
  beforeEach(() => {
    undoLayout = fakeLayout(240, 34);
  });
  afterEach(() => {
    undoLayout();
    document.body.innerHTML = '';
  });

  it('adds through main, lists every rejected entry with its reason, and keeps only those in the box', async () => {
    const api = createFakeApi();
    api.addPhotos.mockResolvedValue({
      added: ['ph_1', 'ph_2'],
      rejected: [
        { position: 3, value: 'ph_1', reason: 'duplicate-in-paste' },
        { position: 4, value: 'x'.repeat(130), reason: 'too-long' },
        { position: 5, value: 'old_one', reason: 'already-watched' },
        { position: 6, value: 'bad\\u{200b}id', reason: 'bad-characters' },
      ],
      rejectedNotListed: 0,
    });
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);

    const pasted = `ph_1, ph_2\nph_1\n${'x'.repeat(130)} old_one bad\u200bid`;
    await field(wrapper).setValue(pasted);
    await wrapper.find('form').trigger('submit');
    await settle();

    expect(api.addPhotos).toHaveBeenCalledWith(pasted);
    const text = wrapper.text();
    expect(text).toContain('Added 2 photos');
    expect(text).toContain('4 entries were not added');
    expect(text).toContain('Repeated in this paste: only the first was taken, nothing to do');
    expect(text).toContain('Too long (max 128 characters)');
    expect(text).toContain('Already on your list: nothing to do');
    expect(text).toContain('Contains spaces or control characters');
    expect(text).toContain('Entry 4');
    // Only the two to fix stay, and the words say so; the repeat and the watched one need nothing.
    expect(wrapper.find('[data-test="to-fix"]').text()).toBe('The 2 to fix are left in the box above.');
    expect(wrapper.find('[data-test="nothing-to-do"]').text()).toBe(
      'The entries already on your list or repeated in this paste need nothing from you, so they were taken out of the box.',
    );
    // The box keeps the entries as the user typed them, not main's display form.
    expect(field(wrapper).element.value).toBe(`${'x'.repeat(130)}\nbad\u200bid`);
  });

  it('says how many more were not listed, and a clean paste empties the box', async () => {
    const api = createFakeApi();
    api.addPhotos.mockResolvedValueOnce({
      added: [],
      rejected: [{ position: 1, value: 'a b', reason: 'bad-characters' }],
      rejectedNotListed: 1234,
    });
    api.addPhotos.mockResolvedValueOnce({ added: ['ok1'], rejected: [], rejectedNotListed: 0 });
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);

    await field(wrapper).setValue('lots of junk');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.text()).toContain('No photos were added.');
    expect(wrapper.text()).toContain('1,235 entries were not added');
    expect(wrapper.text()).toContain('…and 1,234 more not listed here.');
    expect(field(wrapper).element.value).toBe('lots\nof\njunk');

    await field(wrapper).setValue('ok1');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.text()).toContain('Added 1 photo');
    expect(field(wrapper).element.value).toBe('');
  });

  it('renders a 10,000-entry rejection list virtualized', async () => {
    const rejected = Array.from({ length: 10_000 }, (_, i) => ({ position: i + 1, value: `dup${i}`, reason: 'already-watched' as const }));
    const api = createFakeApi();
    api.addPhotos.mockResolvedValue({ added: [], rejected, rejectedNotListed: 0 });
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    await field(wrapper).setValue(rejected.map((r) => r.value).join('\n'));
    await wrapper.find('form').trigger('submit');
    await settle();

    const rows = wrapper.findAll('li.line');
    expect(wrapper.text()).toContain('10,000 entries were not added');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
  });

  it('keeps the text and explains when the call itself fails', async () => {
    const api = createFakeApi();
    api.addPhotos.mockRejectedValue(new Error('The connection to the preview host was lost.'));
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    await field(wrapper).setValue('ph_9');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.find('[role="alert"]').text()).toContain('The photo IDs were not added.');
    expect(field(wrapper).element.value).toBe('ph_9');
  });
});

describe('a paste over the size limit', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is refused before it is sent, in the same words as main, and stays in the box', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    // 3,400,000 CJK characters: under any limit in characters, but 10.2 MB as UTF-8, more than
    // one preview frame could carry (it used to stop the preview host and lose the key).
    const huge = '\u4e00'.repeat(3_400_000);
    await field(wrapper).setValue(huge);
    await wrapper.find('form').trigger('submit');
    await settle();

    expect(api.addPhotos).not.toHaveBeenCalled();
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'The photo IDs were not added. The pasted text is 10.2 MB; one paste can hold at most 5 MB. Add the photo IDs in smaller parts.',
    );
    expect(field(wrapper).element.value).toBe(huge);
    // The button is usable again, so a shorter paste can go.
    await field(wrapper).setValue('ph_1');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(api.addPhotos).toHaveBeenCalledWith('ph_1');
  });

  it('a paste of exactly the limit is sent', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    const atLimit = '\u4e00'.repeat(1_666_666) + 'ab';
    await field(wrapper).setValue(atLimit);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(api.addPhotos).toHaveBeenCalledWith(atLimit);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('is measured as main measures it: UTF-8 bytes, a lone surrogate as three', () => {
    const encoder = new TextEncoder();
    fc.assert(
      // 'binary' draws any code point, half surrogates included; 'grapheme' whole characters.
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 })), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length);
      }),
    );
    for (const text of ['', 'a', 'é', '\u4e00', '🎉', '\ud800', '\udc00x', 'a\ud83c', '\ud83c\ud83c\udf89']) {
      expect(utf8Length(text)).toBe(encoder.encode(text).length);
    }
    expect(MAX_PASTE_BYTES).toBe(5_000_000);
  });
});

describe('leftoverText', () => {
  it('removes every entry for a photo now on the list: added, repeated, or already watched (quoted too)', () => {
    expect(leftoverText('"a", b; a\n\n c', { added: ['a', 'c'] })).toBe('b');
    expect(leftoverText('old, "old", bad id', { added: [] }, (id) => id === 'old')).toBe('bad\nid');
  });

  it('splits entries exactly where main\'s parser does (the shared separator rule)', () => {
    // Separators, white space of other kinds, look-alikes that are not separators (zero-width
    // space, pipe, dot) and ordinary ID characters, in any mix.
    const pieces = ['a', 'b7', '_', '-', ' ', '\t', '\r\n', '\n', ',', ';', '\u00a0', '\u2028', '\u3000', '\u200b', '|', '.', '"'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const pasted = parts.join('');
        const entries = pasted.split(PHOTO_ID_SEPARATORS).filter((entry) => entry !== '');
        expect(leftoverText(pasted, { added: [] })).toBe(entries.join('\n'));
      }),
    );
  });
});
