// happy-dom has no IndexedDB: give every test an in-memory one.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { speak } from './speak';

beforeEach(() => {
  fakeBrowser.reset();
  speak('fr');
});
