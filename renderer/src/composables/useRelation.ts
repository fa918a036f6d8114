// How a message from one local account to someone would go right now (the node answers with
// the shared rules), kept fresh as follows, blocks and settings change.
import { onScopeDispose, ref, watch } from 'vue'
import type { Ref } from 'vue'
import type { Relation } from '@shared/types'
import { useLiveStore } from '../stores/live'
import { useSessionStore } from '../stores/session'
import { useAction } from './useAction'

export function useRelation(accountId: Ref<string | null>, targetId: Ref<string | null>) {
  const session = useSessionStore()
  const live = useLiveStore()
  const relation = ref<Relation | null>(null)
  const { busy: loading, error, run, forget } = useAction({ mode: 'latest' })

  async function reload(): Promise<void> {
    const a = accountId.value
    const t = targetId.value
    if (!a || !t) {
      forget()
      relation.value = null
      return
    }
    await run(async (current) => {
      const { relation: r } = await session.api().relation(a, t)
      if (current()) {
        relation.value = r
      }
    })
  }

  watch(
    [accountId, targetId],
    () => {
      relation.value = null
      void reload()
    },
    { immediate: true },
  )
  let timer: ReturnType<typeof setTimeout> | null = null
  watch(
    () => live.lastEventId,
    () => {
      if (timer) {
        clearTimeout(timer)
      }
      timer = setTimeout(() => void reload(), 200)
    },
  )
  onScopeDispose(() => {
    if (timer) {
      clearTimeout(timer)
    }
  })
  return { relation, error, loading, reload }
}
