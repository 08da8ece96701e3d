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
});
