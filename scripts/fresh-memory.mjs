// What first-touching fresh memory costs on this machine, and so what reading a checkpoint
// must pay before a start can listen (docs/PERFORMANCE.md "P3: what a big start pays for").
// Reads a file three ways and takes its SHA-256 as the checkpoint reader does:
// into a fresh buffer, into one touched first, and into a fresh one in 1 MiB pieces hashed as
// they arrive. Prints milliseconds for each step, three rounds.
// Run: node scripts/fresh-memory.mjs <file, e.g. a bench world's checkpoint.bin>
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

const file = process.argv[2]
if (!file) {
  console.error('usage: node scripts/fresh-memory.mjs <file>')
  process.exit(2)
}
const PIECE = 1 << 20
const ms = (t0) => (performance.now() - t0).toFixed(1)
const sha = (bytes) => createHash('sha256').update(bytes).digest()
sha(Buffer.from('warm the hash up'))

/** Opens the file and a buffer of its size that no one has touched yet. */
function fresh() {
  const fd = openSync(file, 'r')
  return { fd, bytes: Buffer.allocUnsafeSlow(fstatSync(fd).size) }
}

/** Fills `bytes` from the file, starting at file offset `from`. */
function readAll(fd, bytes, from = 0) {
  for (let done = 0; done < bytes.length;) {
    const n = readSync(fd, bytes, done, bytes.length - done, from + done)
    if (n === 0) {
      throw new Error(`${file} ended early`)
    }
    done += n
  }
}

for (let round = 1; round <= 3; round++) {
  {
    const { fd, bytes } = fresh()
    let t = performance.now()
    readAll(fd, bytes)
    const read = ms(t)
    t = performance.now()
    sha(bytes)
    const first = ms(t)
    t = performance.now()
    sha(bytes)
    console.log(`round ${round} fresh buffer:   read ${read}, SHA-256 ${first}, again ${ms(t)}`)
    closeSync(fd)
  }
  {
    const { fd, bytes } = fresh()
    let t = performance.now()
    bytes.fill(0)
    const touch = ms(t)
    t = performance.now()
    readAll(fd, bytes)
    const read = ms(t)
    t = performance.now()
    sha(bytes)
    console.log(`round ${round} touched first:  fill ${touch}, read ${read}, SHA-256 ${ms(t)}`)
    closeSync(fd)
  }
  {
    const { fd, bytes } = fresh()
    const t = performance.now()
    const hash = createHash('sha256')
    for (let at = 0; at < bytes.length; at += PIECE) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + PIECE))
      readAll(fd, piece, at)
      hash.update(piece)
    }
    hash.digest()
    console.log(`round ${round} read in pieces: read and SHA-256 ${ms(t)}`)
    closeSync(fd)
  }
}
