// The one chunk loaded on the first import or export: both share the CSV code, and the
// preview's download is only ever needed after an export has loaded it.
export { importFile } from './import-flow';
export { buildExport } from './export-file';
export { downloadText } from './download';
