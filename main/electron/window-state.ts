// The window's size, position and maximised flag, remembered across launches in a
// small JSON file in the data folder. Whatever is read back is untrusted (hand edits,
// a crash mid-write, a monitor since unplugged): anything out of range means defaults.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const WINDOW_STATE_FILE = 'window-state.json'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  width: number
  height: number
  /** Absent: let the OS centre the window. */
  x?: number
  y?: number
  maximized: boolean
}

export const WINDOW_LIMITS = {
  minWidth: 480,
  minHeight: 360,
  maxWidth: 16_384,
  maxHeight: 16_384,
  /** Desktops spanning several monitors can have negative or large coordinates. */
  maxCoordinate: 65_536,
  /** How much of the window must lie on some display to keep the saved position. */
  minVisible: 64,
} as const

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({ width: 1100, height: 720, maximized: false })

function isIntIn(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/**
 * Validates a parsed window-state value. Any malformed field gives the defaults; a valid
 * position that lies on none of `workAreas` (when given) is dropped, keeping the size.
 */
export function parseWindowState(raw: unknown, workAreas?: readonly Rect[]): WindowState {
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ...DEFAULT_WINDOW_STATE }
  }
  const r = raw as Record<string, unknown>
  const L = WINDOW_LIMITS
  if (!isIntIn(r.width, L.minWidth, L.maxWidth) || !isIntIn(r.height, L.minHeight, L.maxHeight)) {
    return { ...DEFAULT_WINDOW_STATE }
  }
  if (r.maximized !== undefined && typeof r.maximized !== 'boolean') {
    return { ...DEFAULT_WINDOW_STATE }
  }
  const state: WindowState = { width: r.width, height: r.height, maximized: r.maximized === true }
  const hasX = r.x !== undefined
  const hasY = r.y !== undefined
  if (hasX !== hasY) {
    return { ...DEFAULT_WINDOW_STATE }
  }
  if (!hasX) {
    return state
  }
  if (!isIntIn(r.x, -L.maxCoordinate, L.maxCoordinate) || !isIntIn(r.y, -L.maxCoordinate, L.maxCoordinate)) {
    return { ...DEFAULT_WINDOW_STATE }
  }
  const bounds = { x: r.x, y: r.y, width: state.width, height: state.height }
  const visible =
    workAreas == null ||
    workAreas.some((area) => {
      const o = overlap(bounds, area)
      return o.width >= L.minVisible && o.height >= L.minVisible
    })
  return visible ? { ...state, x: r.x, y: r.y } : state
}

/** Reads and validates the state file in dataDir; a missing or broken file gives defaults. */
export function readWindowState(dataDir: string, workAreas?: readonly Rect[]): WindowState {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'))
  } catch {
    return { ...DEFAULT_WINDOW_STATE }
  }
  return parseWindowState(raw, workAreas)
}

/**
 * Writes synchronously because it runs from the window's `close` event, just before the
 * process may exit; temp file + rename so a crash never leaves half a file behind.
 */
export function writeWindowState(dataDir: string, state: WindowState): void {
  const file = join(dataDir, WINDOW_STATE_FILE)
  const tmp = `${file}.tmp`
  writeFileSync(tmp, `${JSON.stringify(state)}\n`, 'utf8')
  renameSync(tmp, file)
}
