// Saved window bounds: parsed defensively, read and written to the data folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, WINDOW_STATE_FILE, parseWindowState, readWindowState, writeWindowState } from '../../main/electron/window-state'

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]

describe('parseWindowState', () => {
  it('keeps a valid state', () => {
    const state = { width: 1200, height: 800, x: 100, y: 50, maximized: true }
    expect(parseWindowState(state, screen)).toEqual(state)
  })

  it('keeps a state without position (the OS centres it)', () => {
    expect(parseWindowState({ width: 900, height: 600, maximized: false })).toEqual({ width: 900, height: 600, maximized: false })
  })

  it('accepts negative coordinates on a display left of the primary', () => {
    const displays = [...screen, { x: -1280, y: 0, width: 1280, height: 1024 }]
    expect(parseWindowState({ width: 800, height: 600, x: -1200, y: 10, maximized: false }, displays)).toMatchObject({ x: -1200, y: 10 })
  })

  it.each([
    ['null', null],
    ['a string', 'big'],
    ['an array', [1200, 800]],
    ['an empty object', {}],
    ['a negative width', { width: -1200, height: 800, maximized: false }],
    ['a zero height', { width: 1200, height: 0, maximized: false }],
    ['a tiny window', { width: 10, height: 10, maximized: false }],
    ['a huge width', { width: 1e9, height: 800, maximized: false }],
    ['an infinite height', { width: 1200, height: Infinity, maximized: false }],
    ['NaN', { width: NaN, height: 800, maximized: false }],
    ['a fractional size', { width: 1200.5, height: 800, maximized: false }],
    ['sizes as strings', { width: '1200', height: '800', maximized: false }],
    ['a huge x', { width: 1200, height: 800, x: 1e12, y: 0, maximized: false }],
    ['a hugely negative y', { width: 1200, height: 800, x: 0, y: -1e12, maximized: false }],
    ['x without y', { width: 1200, height: 800, x: 10, maximized: false }],
    ['a non-boolean maximized', { width: 1200, height: 800, maximized: 'yes' }],
  ])('gives the defaults for %s', (_label, raw) => {
    expect(parseWindowState(raw, screen)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('drops a position that is on no display, keeping the size', () => {
    expect(parseWindowState({ width: 1000, height: 700, x: 5000, y: 5000, maximized: false }, screen)).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('drops a position with only a sliver on screen', () => {
    expect(parseWindowState({ width: 1000, height: 700, x: 1900, y: 100, maximized: false }, screen)).not.toHaveProperty('x')
  })

  it('never hands out the shared defaults object', () => {
    const state = parseWindowState(null)
    state.width = 1
    expect(DEFAULT_WINDOW_STATE.width).toBe(1100)
  })
})

describe('readWindowState / writeWindowState', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envelope-window-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('gives the defaults when the file is missing', () => {
    expect(readWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('gives the defaults when the file is not JSON', () => {
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"width": 12')
    expect(readWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('round-trips what it wrote', () => {
    const state = { width: 1280, height: 900, x: 20, y: 30, maximized: false }
    writeWindowState(dir, state)
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(state)
    expect(readWindowState(dir, screen)).toEqual(state)
  })
})
