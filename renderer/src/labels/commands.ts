// The label commands as the window's components call them: one place that reaches the contract.
import type { AddPhotosResult, ImportEntry, PhotoLabels, Result } from '../../../preload/api';

export function setLabel(photoId: string, labels: PhotoLabels): Promise<Result<null>> {
  return window.avatarWatch.setLabel(photoId, labels);
}

export function importPhotos(entries: ImportEntry[]): Promise<AddPhotosResult> {
  return window.avatarWatch.importPhotos(entries);
}

export function saveExport(fileName: string, content: string): Promise<Result<{ saved: boolean }>> {
  return window.avatarWatch.saveExport(fileName, content);
}
