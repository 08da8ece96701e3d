export interface ScaleResult { items: number; heapMB: number; passMs: number; catchUpMs: number; saveMs: number; loadMs: number; runs: number }
export async function measureScale(items: number): Promise<ScaleResult> { return { items, heapMB: 0, passMs: 0, catchUpMs: 0, saveMs: 0, loadMs: 0, runs: 0 }; }
