// How a message from one local account to someone would go right now (the node answers with
// the shared rules), kept fresh as follows, blocks and settings change.
import { onScopeDispose, ref, watch } from 'vue'
import type { Ref } from 'vue'
import type { Relation } from '@shared/types'
import { errorText } from '../lib/errors'
import { useLiveStore } from '../stores/live'
import { useSessionStore } from '../stores/session'

export function useRelation(accountId: Ref<string | null>, targetId: Ref<string | null>) {
  const session = useSessionStore()
  const live = useLiveStore()
  const relation = ref<Relation | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)
  let generation = 0

  async function reload(): Promise<void> {
    const gen = ++generation
    const a = accountId.value
    const t = targetId.value
    if (!a || !t) {
      relation.value = null
      return
    }
    loading.value = true
    try {
      const { relation: r } = await session.api().relation(a, t)
      if (gen === generation) {
        relation.value = r
        error.value = null
      }
    } catch (e) {
      if (gen === generation) {
        error.value = errorText(e)
      }
    } finally {
      if (gen === generation) {
        loading.value = false
      }
    }
  }

  watch([accountId, targetId], () => {
    relation.value = null
    void reload()
  }, { immediate: true })
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
