// One account's public profile, loaded when the id changes (the Profile and Request panes):
// a slower answer for an id no longer shown is dropped, a failure is the node's sentence.
import { ref, watch } from 'vue'
import type { PublicAccount } from '@shared/types'
import { useDirectoryStore } from '../stores/directory'
import { useAction } from './useAction'

export function useProfile(id: () => string) {
  const directory = useDirectoryStore()
  const account = ref<PublicAccount | null>(null)
  const { error, run } = useAction({ mode: 'latest' })

  function load(): Promise<boolean> {
    const wanted = id()
    return run(async (current) => {
      const found = await directory.profile(wanted)
      if (current()) {
        account.value = found
      }
    })
  }
  watch(id, load, { immediate: true })
  return { account, error, load }
}
