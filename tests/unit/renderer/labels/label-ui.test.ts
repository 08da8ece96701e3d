// @vitest-environment happy-dom
// Labels, import and export in the window: the inline editor (Enter saves, Escape cancels, focus
// comes back), search and sort by label, a file's per-line report, and an export's content.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_LABEL_CHARS, type WatchItem } from '../../../../preload/api';
import ExportList from '../../../../renderer/src/components/ExportList.vue';
import PhotoIdInput from '../../../../renderer/src/components/PhotoIdInput.vue';
import WatchItemRow from '../../../../renderer/src/components/WatchItemRow.vue';
import { filterItems, normalizeQuery, orderItems } from '../../../../renderer/src/stores/list-view';
import { createAppI18n } from '../../../../renderer/src/i18n';
import { noticeParams } from '../../../../renderer/src/format/save-words';
import { useViewStore } from '../../../../renderer/src/stores/view';
import { useWatchlistStore } from '../../../../renderer/src/stores/watchlist';
import { NOW, createFakeApi, fakeLayout, freshPinia, installApi, makeItem, mountWithApp, settle, snapshotOf } from '../fake-api';

let undoLayout: () => void;
beforeEach(() => {
  localStorage.clear();
  undoLayout = fakeLayout(600, 60);
});
afterEach(() => {
  undoLayout();
  document.body.innerHTML = '';
});

function mountRow(item: WatchItem) {
  const api = createFakeApi();
  installApi(api);
  const wrapper = mountWithApp(WatchItemRow, { props: { item, paused: false, now: NOW } });
  return { api, wrapper };
}

describe('the label editor in a row', () => {
  it('"Add label" opens a form focused on the label; Enter saves it and focus returns to the button', async () => {
    const { api, wrapper } = mountRow(makeItem('p1'));
    const button = wrapper.get('button.chip');
    expect(button.text()).toBe('Add label');
    await button.trigger('click');
    await settle();
    const input = wrapper.get('input[type="text"]');
    expect(document.activeElement).toBe(input.element);
    expect(wrapper.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Label');
    await input.setValue('  Acme spring  ');
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(api.setLabel).toHaveBeenCalledExactlyOnceWith('p1', { label: '  Acme spring  ', note: '' });
    expect(wrapper.find('form').exists()).toBe(false);
    expect(document.activeElement).toBe(wrapper.get('button.chip').element);
  });

  it('shows the label as the button (named so its text is part of its name) and the note behind a disclosure', () => {
    const { wrapper } = mountRow(makeItem('p2', { label: 'Acme', note: 'order 12\nrush' }));
    const button = wrapper.get('button.chip');
    expect(button.text()).toBe('Acme');
    expect(button.attributes('aria-label')).toBe('Edit label: Acme');
    expect(wrapper.get('details.note summary').text()).toBe('Note');
    expect(wrapper.get('.note-text').text()).toBe('order 12\nrush');
  });

  it('Escape cancels without saving and gives focus back', async () => {
    const { api, wrapper } = mountRow(makeItem('p3', { label: 'Old' }));
    await wrapper.get('button.chip').trigger('click');
    await settle();
    const input = wrapper.get('input[type="text"]');
    expect((input.element as HTMLInputElement).value).toBe('Old');
    await input.setValue('New');
    await input.trigger('keydown', { key: 'Escape' });
    await settle();
    expect(api.setLabel).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(wrapper.get('button.chip').element);
    expect(wrapper.get('button.chip').text()).toBe('Old');
  });

  it('says how much too long a label is before sending, and keeps the form with main’s reason when it refuses', async () => {
    const { api, wrapper } = mountRow(makeItem('p4'));
    await wrapper.get('button.chip').trigger('click');
    await settle();
    const input = wrapper.get('input[type="text"]');
    await input.setValue('x'.repeat(MAX_LABEL_CHARS + 1));
    expect(wrapper.text()).toContain('1 character too many (at most 80).');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined();

    api.setLabel.mockResolvedValueOnce({ ok: false, error: { kind: 'invalid-input', message: 'gone', input: { code: 'not-watched', photoId: 'p4' } } });
    await input.setValue('Fine');
    await input.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(wrapper.get('[role="alert"]').text()).toBe('The label was not saved. Photo p4 is no longer on your list.');
    expect((wrapper.get('input[type="text"]').element as HTMLInputElement).value).toBe('Fine');
  });
});

describe('finding and ordering by label', () => {
  const items = [
    makeItem('ph_a', { label: 'Batch 10' }),
    makeItem('ph_b'),
    makeItem('ph_c', { label: 'batch 2', note: 'Customer: Zeta GmbH' }),
    makeItem('ph_d', { label: 'Acme' }),
  ];
  const context = { held: false, offline: false };
  const ids = (list: readonly WatchItem[]) => list.map((item) => item.photoId);

  it('a search matches the ID, the label or the note, in any case', () => {
    const find = (query: string) => ids(filterItems(items, { states: new Set(), query: normalizeQuery(query), context }));
    expect(find('ACME')).toEqual(['ph_d']);
    expect(find('zeta')).toEqual(['ph_c']);
    expect(find('batch')).toEqual(['ph_a', 'ph_c']);
    expect(find('ph_b')).toEqual(['ph_b']);
  });

  it('"By label" puts labelled photos A to Z (numbers as numbers, case ignored), then the rest', () => {
    expect(ids(orderItems(items, 'label', context))).toEqual(['ph_d', 'ph_c', 'ph_a', 'ph_b']);
  });
});

/** Picks a file as the file chooser would, and waits until the window has reported on it. */
async function chooseFile(wrapper: ReturnType<typeof mountWithApp>, name: string, content: string) {
  const input = wrapper.get('input[type="file"]');
  Object.defineProperty(input.element, 'files', { configurable: true, value: [new File([content], name, { type: 'text/csv' })] });
  await input.trigger('change');
  // The importer is loaded on first use (a dynamic import), which takes more than a tick.
  await vi.waitFor(() => expect(wrapper.find('.result, [role="alert"]').exists()).toBe(true), { timeout: 5_000 });
  await settle();
}

describe('importing a file', () => {
  it('sends a CSV’s IDs with their labels and shows one report by line: the file’s bad rows and main’s', async () => {
    const api = createFakeApi();
    api.importPhotos.mockResolvedValueOnce({
      added: ['p1'],
      rejected: [{ position: 4, value: 'p0', reason: 'already-watched', labels: 'kept' }],
      rejectedNotListed: 0,
    });
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    expect(wrapper.get('button:not([type="submit"])').text()).toBe('Import from a file');
    await chooseFile(wrapper, 'customers.csv', 'label,photo_id\r\nAcme,p1\r\nNobody,\r\nTheirs,p0\r\n');
    expect(api.importPhotos).toHaveBeenCalledExactlyOnceWith([
      { photoId: 'p1', position: 2, label: 'Acme' },
      { photoId: 'p0', position: 4, label: 'Theirs' },
    ]);
    expect(api.addPhotos).not.toHaveBeenCalled();
    const text = wrapper.text();
    expect(text).toContain('From customers.csv:');
    expect(text).toContain('Added 1 photo');
    expect(text).toContain('Line 3');
    expect(text).toContain('No photo ID in this row');
    expect(text).toContain('Line 4');
    expect(text).toContain('Already on your list; it keeps its own label and note');
    expect(wrapper.get('[data-test="to-fix"]').text()).toBe('Fix the file and import it again; photos already added are skipped.');
  });

  it('adds a plain text file as a paste', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    await chooseFile(wrapper, 'ids.txt', 'p1\np2 p3');
    expect(api.addPhotos).toHaveBeenCalledExactlyOnceWith('p1\np2 p3');
  });

  it('refuses a file it cannot use with a message naming the file and what to do, sending nothing', async () => {
    const api = createFakeApi();
    installApi(api);
    const wrapper = mountWithApp(PhotoIdInput);
    await chooseFile(wrapper, 'contacts.csv', 'name,email\nMia,mia@example.com\n');
    expect(wrapper.get('[role="alert"]').text()).toBe(
      'The file contacts.csv has no photo ID column (first row: name, email). Name it photo_id; label and note columns are optional.',
    );
    expect(api.importPhotos).not.toHaveBeenCalled();
  });
});

describe('exporting the list', () => {
  it('builds the CSV in the window and hands it to the host to save: what the list shows, all or filtered', async () => {
    const items = [makeItem('ph_1', { label: 'Acme' }), makeItem('ph_2', { status: 'ready', finishedAt: NOW })];
    const api = createFakeApi(snapshotOf({ items }));
    installApi(api);
    const pinia = freshPinia();
    await useWatchlistStore().start();
    const wrapper = mountWithApp(ExportList, { pinia });
    await settle();

    await wrapper.get('button').trigger('click');
    await vi.waitFor(() => expect(api.saveExport).toHaveBeenCalledTimes(1));
    await settle();
    const [fileName, content] = api.saveExport.mock.calls[0] as [string, string];
    expect(fileName).toMatch(/^avatar-watch-photos-\d{4}-\d\d-\d\d\.csv$/u);
    expect(content).toContain('photo_id,label,note,status,added_at,finished_at,failure_reason,image_urls\r\n');
    expect(content).toContain('ph_1,Acme,');
    expect(content).toContain('ph_2,');
    expect(wrapper.get('[role="status"]').text()).toBe('Exported 2 photos.');

    useViewStore().setQuery('acme');
    await settle();
    await wrapper.findAll('button')[1]!.trigger('click');
    await vi.waitFor(() => expect(api.saveExport).toHaveBeenCalledTimes(2));
    const json = JSON.parse((api.saveExport.mock.calls[1] as [string, string])[1]) as { photos: { photoId: string }[] };
    expect(json.photos.map((photo) => photo.photoId)).toEqual(['ph_1']);
  });
});

describe('labels left out of the saved list', () => {
  it('are said in the load notice, counted', () => {
    const t = createAppI18n().global.t as unknown as Parameters<typeof noticeParams>[0];
    const words = noticeParams(t, { id: 'n', level: 'warning', message: '', code: 'list-dropped', params: { items: 0, imageUrls: 0, maxLength: 128, labels: 2 } });
    expect(words.what).toBe('2 labels or notes that were too long or held control characters');
  });
});
