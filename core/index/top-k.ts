/**
 * @module core/index/top-k
 * The k best of many scored items without sorting them all: a bounded min-heap over item numbers. A common
 * word on a large corpus matches most units, and sorting every match would cost more than scoring them.
 */

/**
 * The numbers of the `k` highest-scoring items among `items`, best first; ties go to the lower item number
 * so that results are deterministic.
 */
export function topK(items: ArrayLike<number>, count: number, score: ArrayLike<number>, k: number): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  // Whether a ranks below b: lower score, or equal score and higher number.
  const below = (a: number, b: number) => score[a] < score[b] || (score[a] === score[b] && a > b);
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!below(heap[i], heap[parent])) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let lowest = i;
      if (left < heap.length && below(heap[left], heap[lowest])) lowest = left;
      if (right < heap.length && below(heap[right], heap[lowest])) lowest = right;
      if (lowest === i) return;
      [heap[i], heap[lowest]] = [heap[lowest], heap[i]];
      i = lowest;
    }
  };
  for (let i = 0; i < count; i++) {
    const item = items[i];
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (below(heap[0], item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
}
