// Copy-on-write for the typed arrays a checkpoint takes by view (the message columns, the id
// index): the checkpoint is written in pieces across many turns of the event loop, and sends
// taken meanwhile write into those arrays in place. Every in-place writer calls noteWrite()
// first; while a checkpoint watches that array, the bytes about to change are saved, so the
// file gets each array as it was at the checkpoint's seq. Nothing is copied when nothing is
// written, and nothing is kept for bytes the checkpoint has already written out.

/** A typed array as the store keeps them: columns and index tables. */
type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array

/** Bytes of a watched view as they were, saved before a write changed them. */
interface Saved {
  /** Byte offset in the buffer. */
  at: number
  /** A plain array, not a typed one: thousands of few-byte saves (index slots) would each be a malloc'd block. */
  bytes: number[]
}

/** One blob of a checkpoint being written: a view of a live array's bytes. */
export interface Watched {
  readonly view: Uint8Array
  /** Bytes of the view written to the file so far: later writes there need no saving. */
  done: number
  /** Oldest first. */
  readonly saved: Saved[]
}

/** One checkpoint's watched views by buffer; a buffer's list is sorted by offset before it is searched. */
interface Group {
  byBuffer: Map<ArrayBufferLike, Watched[]>
  unsorted: Set<Watched[]>
}

/** Per checkpoint being written (usually none or one). */
const groups: Group[] = []

/** The blobs of one checkpoint being watched, in order; stop() once it is written (or given up). */
export interface Watch {
  readonly blobs: Watched[]
  /** Watches one more blob, from now on: call it when the view is taken, before anything yields. */
  add(view: Uint8Array): void
  stop(): void
}

/** Starts watching the blobs of one checkpoint (`views`, and those add() is given later). */
export function watch(views: Uint8Array[] = []): Watch {
  const group: Group = { byBuffer: new Map(), unsorted: new Set() }
  const blobs: Watched[] = []
  const add = (view: Uint8Array) => {
    const w: Watched = { view, done: 0, saved: [] }
    blobs.push(w)
    let list = group.byBuffer.get(view.buffer)
    if (!list) {
      list = []
      group.byBuffer.set(view.buffer, list)
    }
    list.push(w)
    group.unsorted.add(list)
  }
  views.forEach(add)
  groups.push(group)
  return {
    blobs,
    add,
    stop: () => {
      const i = groups.indexOf(group)
      if (i >= 0) {
        groups.splice(i, 1)
      }
    },
  }
}

/** To be called before elements [from, to) of `array` are written in place. */
export function noteWrite(array: Typed, from: number, to: number): void {
  for (let g = 0; g < groups.length; g++) {
    const list = groups[g].byBuffer.get(array.buffer)
    if (list) {
      if (groups[g].unsorted.delete(list)) {
        // Views of one buffer never overlap (each is one live array), so they sort by offset.
        list.sort((x, y) => x.view.byteOffset - y.view.byteOffset)
      }
      save(list, array.buffer, array.byteOffset + from * array.BYTES_PER_ELEMENT, array.byteOffset + to * array.BYTES_PER_ELEMENT)
    }
  }
}

/** Saves what bytes [start, end) of `buffer` hold now, for each view they overlap and that has not written them out yet. */
function save(list: Watched[], buffer: ArrayBufferLike, start: number, end: number): void {
  // The first view ending after `start` (binary search), then every view that overlaps.
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid].view.byteOffset + list[mid].view.byteLength <= start) {
      lo = mid + 1
    } else {
      hi = mid
    }
  }
  for (let i = lo; i < list.length && list[i].view.byteOffset < end; i++) {
    const w = list[i]
    const from = Math.max(start, w.view.byteOffset + w.done)
    const upTo = Math.min(end, w.view.byteOffset + w.view.byteLength)
    if (from < upTo) {
      w.saved.push({ at: from, bytes: Array.from(new Uint8Array(buffer, from, upTo - from)) })
    }
  }
}

/**
 * Copies bytes [offset, offset + out.length) of the watched view into `out` as they were
 * when watching began, and marks them written.
 */
export function copyAsWatched(w: Watched, offset: number, out: Uint8Array): void {
  const { view } = w
  out.set(view.subarray(offset, offset + out.length))
  const start = view.byteOffset + offset
  const end = start + out.length
  // Newest first, so where a byte was saved twice the oldest value is the one left.
  for (let i = w.saved.length - 1; i >= 0; i--) {
    const s = w.saved[i]
    const from = Math.max(start, s.at)
    const upTo = Math.min(end, s.at + s.bytes.length)
    if (from < upTo) {
      out.set(s.bytes.slice(from - s.at, upTo - s.at), from - start)
    }
  }
  w.done = Math.max(w.done, offset + out.length)
  // What lies wholly before the written part is needed no more.
  if (w.saved.length > 0) {
    const written = view.byteOffset + w.done
    const kept = w.saved.filter((s) => s.at + s.bytes.length > written)
    w.saved.length = 0
    w.saved.push(...kept)
  }
}
