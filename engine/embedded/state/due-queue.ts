/**
 * A binary min-heap of things that fall due (timers, job deadlines, message TTLs). Entries are never removed
 * eagerly: the scheduler checks each popped entry against the state, which keeps appliers O(log n).
 */
export type DueKind = 'timer' | 'job' | 'message';

export interface DueEntry {
  due: number;
  kind: DueKind;
  key: string;
}

export class DueQueue {
  private readonly heap: DueEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: DueEntry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.due <= entry.due) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = entry;
  }

  peek(): DueEntry | undefined {
    return this.heap[0];
  }

  pop(): DueEntry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mDue = last.due;
      if (l < h.length && h[l]!.due < mDue) {
        m = l;
        mDue = h[l]!.due;
      }
      if (r < h.length && h[r]!.due < mDue) m = r;
      if (m === i) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
    return top;
  }
}
