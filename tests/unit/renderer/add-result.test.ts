// @vitest-environment happy-dom
// What came of a paste, for the one refusal that concerns the API key: said in words, by key of
// the reason, without the key itself on screen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import AddResult from '../../../renderer/src/components/AddResult.vue';
import { fakeLayout, installApi, createFakeApi, mountWithApp, settle } from './fake-api';

describe('the add result', () => {
  let undoLayout: () => void;
  beforeEach(() => {
    undoLayout = fakeLayout(240, 34);
    installApi(createFakeApi());
  });
  afterEach(() => {
    undoLayout();
    document.body.innerHTML = '';
  });

  it('says the saved API key is not a photo ID, showing only its last characters as main sent them', async () => {
    const wrapper = mountWithApp(AddResult, {
      props: { result: { added: ['ph_1'], rejected: [{ position: 2, value: '…beef', reason: 'looks-like-key' }], rejectedNotListed: 0 } },
    });
    await settle();
    const text = wrapper.text();
    expect(text).toContain('1 entry was not added');
    expect(text).toContain('Entry 2');
    expect(text).toContain('This is your API key, not a photo ID');
    expect(text).toContain('…beef');
    expect(text).not.toContain('addResult.reason');
  });

  it('says added photos could not be saved to disk, why, and what happens next, without a tick', async () => {
    const wrapper = mountWithApp(AddResult, {
      props: { result: { added: ['a', 'b'], rejected: [], rejectedNotListed: 0, notSaved: { reason: 'disk-full', detail: 'ENOSPC', path: '/data/watchlist.json' } } },
    });
    await settle();
    const headline = wrapper.find('.added');
    expect(headline.text()).toBe(
      'Added 2 photos, but they could not be saved to disk: the disk is full. They are watched until you quit, and saving is tried again; free some space or check the folder, and they will be saved.',
    );
    expect(headline.attributes('role')).toBe('alert');
  });

  it('says how much of a paste over 20,000 entries was read and that the rest waits in the box', async () => {
    const wrapper = mountWithApp(AddResult, {
      props: { result: { added: ['a'], rejected: [], rejectedNotListed: 0, notRead: 3_400 } },
    });
    await settle();
    expect(wrapper.find('[data-test="not-read"]').text()).toBe(
      'This paste has 23,400 entries; one paste adds at most 20,000. The other 3,400 were not read and are left in the box: press Start watching again to add them.',
    );
    expect(wrapper.find('.added').text()).toContain('✓');
  });

  it('says the list is full, how many did not fit, and what to do', async () => {
    const wrapper = mountWithApp(AddResult, {
      props: { result: { added: [], rejected: [], rejectedNotListed: 0, noRoom: 1_200 } },
    });
    await settle();
    expect(wrapper.text()).toContain('No photos were added.');
    expect(wrapper.find('[data-test="no-room"]').text()).toBe(
      'The list is full: it watches at most 50,000 photos. 1,200 more IDs did not fit and are left in the box; remove finished photos, then add them again.',
    );
  });
});
