// What the local copies take on disk, kept as running sums: the cap is checked before every
// download and the usage sent after every one, so neither may walk 50,000 photo folders each time.

export class DiskTally {
  private readonly bytes = new Map<string, number>();
  /** Folders of photos in the list; the others belong to removed photos. */
  private readonly listed = new Set<string>();
  private usedBytes = 0;
  private listedBytes = 0;

  get used(): number {
    return this.usedBytes;
  }

  get unlisted(): number {
    return this.usedBytes - this.listedBytes;
  }

  set(folder: string, bytes: number): void {
    const delta = bytes - (this.bytes.get(folder) ?? 0);
    if (bytes === 0) this.bytes.delete(folder);
    else this.bytes.set(folder, bytes);
    this.usedBytes += delta;
    if (this.listed.has(folder)) this.listedBytes += delta;
  }

  add(folder: string, delta: number): void {
    this.set(folder, (this.bytes.get(folder) ?? 0) + delta);
  }

  /** Folders on disk that belong to no photo in the list. */
  unlistedFolders(): string[] {
    return [...this.bytes.keys()].filter((folder) => !this.listed.has(folder));
  }

  list(folder: string): void {
    if (this.listed.has(folder)) return;
    this.listed.add(folder);
    this.listedBytes += this.bytes.get(folder) ?? 0;
  }

  unlist(folder: string): void {
    if (this.listed.delete(folder)) this.listedBytes -= this.bytes.get(folder) ?? 0;
  }
}
