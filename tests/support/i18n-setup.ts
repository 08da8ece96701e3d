// Every unit test file starts with English in memory, as the page has it once its chunk loaded:
// createAppI18n() is then usable at once, as the tests (and mountWithApp) expect.
import { registerCatalogue } from '../../renderer/src/i18n';
import en from '../../renderer/src/i18n/en';

registerCatalogue('en', en);
