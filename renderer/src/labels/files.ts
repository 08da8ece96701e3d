// The one chunk loaded on the first import or export: both share the CSV code.
export { parseImportFile } from './import-file';
export { buildExport } from './export-file';
