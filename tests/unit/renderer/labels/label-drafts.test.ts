// @vitest-environment happy-dom
// "Nothing a user typed is lost": a label form whose row leaves the virtual list (scrolled away,
// so unmounted) comes back open with what was typed, and only Save or Cancel ends the draft.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WatchItemRow from '../../../../renderer/src/components/WatchItemRow.vue';
import { clearLabelDrafts, keepLabelDraft, takeLabelDraft } from '../../../../renderer/src/labels/drafts';
import { NOW, createFakeApi, installApi, makeItem, mountWithApp, settle } from '../fake-api';

beforeEach(() => {
  localStorage.clear();
  clearLabelDrafts();
  installApi(createFakeApi());
});
afterEach(() => {
  document.body.innerHTML = '';
});

const mountRow = (photoId: string) => mountWithApp(WatchItemRow, { props: { item: makeItem(photoId, { label: 'Old' }), paused: false, now: NOW } });

async function openAndType(photoId: string, label: string, note: string) {
  const row = mountRow(photoId);
  await row.get('button.chip').trigger('click');
  await settle();
  await row.get('input[type="text"]').setValue(label);
  await row.get('textarea').setValue(note);
  return row;
}

describe('label drafts', () => {
  it('a draft is handed back once, by photo ID', () => {
    keepLabelDraft('p1', { label: 'Acme', note: 'rush' });
    expect(takeLabelDraft('p2')).toBeUndefined();
    expect(takeLabelDraft('p1')).toEqual({ label: 'Acme', note: 'rush' });
    expect(takeLabelDraft('p1')).toBeUndefined();
  });

  it('a row scrolled out and back shows its form open again with the typed label and note', async () => {
    const first = await openAndType('p1', 'Acme spring', 'call back\nMonday');
    first.unmount();

    const again = mountRow('p1');
    await settle();
    expect((again.get('input[type="text"]').element as HTMLInputElement).value).toBe('Acme spring');
    expect((again.get('textarea').element as HTMLTextAreaElement).value).toBe('call back\nMonday');
    // The typed note is in view, not folded behind its disclosure.
    expect((again.get('form details').element as HTMLDetailsElement).open).toBe(true);
    // Another photo's row is not given this draft.
    expect(mountRow('p2').find('form').exists()).toBe(false);
  });

  it('Cancel ends the draft: the row comes back closed, with its saved label', async () => {
    const first = await openAndType('p3', 'never saved', '');
    await first.get('input[type="text"]').trigger('keydown', { key: 'Escape' });
    await settle();
    first.unmount();
    const again = mountRow('p3');
    await settle();
    expect(again.find('form').exists()).toBe(false);
    expect(again.get('button.chip').text()).toBe('Old');
  });
});
