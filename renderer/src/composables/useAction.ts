// One way for panes and stores to run what a person asked for (save, pair, unblock, search):
// `busy` while it runs, the node's own sentence in `error` when it fails (never a bare code),
// said by the live announcer or an error toast where the pane asks, and no second submit while
// one is on its way. Replaces the try/catch + busy flag each pane used to write by hand.
import { ref } from 'vue'
import { ApiError } from '@shared/api/client'
import { errorText } from '../lib/errors'
import { useUiStore } from '../stores/ui'
import { announce } from './useAnnouncer'

export interface ActionOptions {
  /**
   * 'once' (the default, for submits): a run asked for while one is busy is refused.
   * 'latest' (for searches and reloads): a new run supersedes the one on its way, whose
   * outcome (its error, its end of `busy`) is dropped; `current()` tells the work it is stale.
   * A submit's old error goes when it is pressed again; a reload's stays until an answer comes
   * (so the sentence does not blink on every reload).
   */
  mode?: 'once' | 'latest'
  /** Also say the failure through the live announcer: for panes that show it outside an alert. */
  announce?: boolean
  /** Show the failure as an error toast with this title (the toast is announced by the Toaster). */
  toast?: string | (() => string)
  /** Words around the node's sentence, e.g. (s) => `Nothing was imported: ${s}`. */
  explain?: (sentence: string) => string
}

/** Tells a run's work whether it is still the latest (always true in 'once' mode). */
export type Current = () => boolean

export function useAction(options: ActionOptions = {}) {
  const busy = ref(false)
  /** Which item the busy run is for (a row's id), when the pane passed one. */
  const busyKey = ref<string | null>(null)
  const error = ref<string | null>(null)
  /** The field the node's refusal names (ApiError details.field), to mark that input. */
  const errorField = ref<string | null>(null)
  const ui = options.toast ? useUiStore() : null
  let generation = 0
  /** The run that last failed (fail() inside the work counts), so its success does not wipe it. */
  let failedIn = -1

  /** Shows `text` as the failure (also for checks the pane makes before calling the node). */
  function fail(text: string, field: string | null = null): void {
    failedIn = generation
    error.value = text
    errorField.value = field
    if (options.announce) {
      announce(text, true)
    }
    if (ui && options.toast) {
      ui.toast({ title: typeof options.toast === 'string' ? options.toast : options.toast(), body: text, tone: 'error' })
    }
  }

  function clear(): void {
    error.value = null
    errorField.value = null
  }

  /** Runs `work`; true when it finished (and is still the latest), false when it failed or was refused. */
  async function run(work: (current: Current) => Promise<unknown>, key: string | null = null): Promise<boolean> {
    if (busy.value && options.mode !== 'latest') {
      return false
    }
    const gen = ++generation
    const current: Current = () => gen === generation
    busy.value = true
    busyKey.value = key
    if (options.mode !== 'latest') {
      clear()
    }
    try {
      await work(current)
      if (current() && options.mode === 'latest' && failedIn !== gen) {
        clear()
      }
      return current()
    } catch (e) {
      if (current()) {
        const sentence = errorText(e)
        fail(options.explain ? options.explain(sentence) : sentence, e instanceof ApiError ? (e.field ?? null) : null)
      }
      return false
    } finally {
      if (current()) {
        busy.value = false
        busyKey.value = null
      }
    }
  }

  /** Makes the run on its way stale (its outcome is dropped) without starting another. */
  function forget(): void {
    generation++
    busy.value = false
    busyKey.value = null
  }

  return { busy, busyKey, error, errorField, run, fail, clear, forget }
}

export type Action = ReturnType<typeof useAction>
