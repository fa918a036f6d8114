// useAction, the one busy/error composable of the renderer: busy while the work runs, the node's
// sentence (never its code) on failure with the field it names, a second submit refused, the
// latest search winning over a slower earlier one, and the failure said by the announcer or a toast.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@shared/api/client'
import { useAction } from '../../renderer/src/composables/useAction'
import { useAnnouncements } from '../../renderer/src/composables/useAnnouncer'
import { useUiStore } from '../../renderer/src/stores/ui'

/** A promise the test settles by hand, to look at the action while its work is on its way. */
function later<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const refusal = () => new ApiError(409, 'HANDLE_TAKEN', 'That handle is taken. Try another one.', { field: 'handle' })

beforeEach(() => setActivePinia(createPinia()))

describe('useAction', () => {
  it('is busy while the work runs and clear when it ends', async () => {
    const action = useAction()
    const work = later()
    const done = action.run(() => work.promise, 'row-1')
    expect(action.busy.value).toBe(true)
    expect(action.busyKey.value).toBe('row-1')
    work.resolve()
    expect(await done).toBe(true)
    expect(action.busy.value).toBe(false)
    expect(action.busyKey.value).toBe(null)
    expect(action.error.value).toBe(null)
  })

  it("shows the node's sentence and the field it names, never the code; the next run clears it", async () => {
    const action = useAction()
    expect(await action.run(() => Promise.reject(refusal()))).toBe(false)
    expect(action.error.value).toBe('That handle is taken. Try another one.')
    expect(action.error.value).not.toContain('HANDLE_TAKEN')
    expect(action.errorField.value).toBe('handle')
    expect(action.busy.value).toBe(false)
    const work = later()
    const next = action.run(() => work.promise)
    expect(action.error.value).toBe(null)
    expect(action.errorField.value).toBe(null)
    work.resolve()
    await next
  })

  it('says a plain sentence for anything that is not a refusal, with the words the pane puts around it', async () => {
    const action = useAction({ explain: (s) => `Nothing was imported: ${s}` })
    await action.run(() => Promise.reject(new TypeError('Failed to fetch')))
    expect(action.error.value).toBe('Nothing was imported: Something went wrong. Try again in a moment.')
    expect(action.errorField.value).toBe(null)
  })

  it('keeps a failure the work itself declares with fail(), in both modes', async () => {
    for (const mode of ['once', 'latest'] as const) {
      const action = useAction({ mode })
      expect(await action.run(async () => action.fail('The node could not move.'))).toBe(true)
      expect(action.error.value).toBe('The node could not move.')
    }
  })

  it('refuses a second submit while the first is on its way', async () => {
    const action = useAction()
    const work = later()
    const calls: string[] = []
    const first = action.run(() => (calls.push('first'), work.promise))
    expect(await action.run(() => (calls.push('second'), Promise.resolve()))).toBe(false)
    work.resolve()
    expect(await first).toBe(true)
    expect(calls).toEqual(['first'])
    expect(await action.run(() => (calls.push('third'), Promise.resolve()))).toBe(true)
    expect(calls).toEqual(['first', 'third'])
  })

  it("'latest': a newer run supersedes a slower earlier one, whose outcome is dropped", async () => {
    const action = useAction({ mode: 'latest' })
    const results: string[] = []
    const slow = later()
    const fast = later()
    const first = action.run(async (current) => {
      await slow.promise
      if (current()) {
        results.push('slow')
      }
    })
    const second = action.run(async (current) => {
      await fast.promise
      if (current()) {
        results.push('fast')
      }
    })
    fast.resolve()
    expect(await second).toBe(true)
    expect(action.busy.value).toBe(false)
    // The first run fails late: its error does not replace what the latest run shows.
    slow.reject(refusal())
    expect(await first).toBe(false)
    expect(results).toEqual(['fast'])
    expect(action.error.value).toBe(null)
  })

  it("'latest': a reload keeps the last failure shown until its own answer comes", async () => {
    const action = useAction({ mode: 'latest' })
    await action.run(() => Promise.reject(refusal()))
    const work = later()
    const reload = action.run(() => work.promise)
    expect(action.error.value).toBe('That handle is taken. Try another one.')
    work.resolve()
    expect(await reload).toBe(true)
    expect(action.error.value).toBe(null)
  })

  it('forget() drops the run on its way', async () => {
    const action = useAction({ mode: 'latest' })
    const work = later()
    const run = action.run(() => work.promise)
    action.forget()
    expect(action.busy.value).toBe(false)
    work.reject(refusal())
    expect(await run).toBe(false)
    expect(action.error.value).toBe(null)
  })

  it('announces the failure through the live announcer when the pane asks', async () => {
    vi.useFakeTimers()
    try {
      const { assertive } = useAnnouncements()
      const action = useAction({ announce: true })
      await action.run(() => Promise.reject(refusal()))
      vi.runAllTimers()
      expect(assertive.value).toBe('That handle is taken. Try another one.')
      action.fail('Enter the pairing code the other node shows.', 'code')
      vi.runAllTimers()
      expect(assertive.value).toBe('Enter the pairing code the other node shows.')
      expect(action.errorField.value).toBe('code')
    } finally {
      vi.useRealTimers()
    }
  })

  it('shows the failure as an error toast with the title the pane gives', async () => {
    const ui = useUiStore()
    const action = useAction({ toast: () => 'Could not follow' })
    await action.run(() => Promise.reject(refusal()))
    expect(ui.toasts.map((t) => [t.title, t.body, t.tone])).toEqual([['Could not follow', 'That handle is taken. Try another one.', 'error']])
  })
})
