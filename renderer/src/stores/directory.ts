// Directory search and filters (docs/PRODUCT.md 7), and the profiles opened from it.
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { DirectoryQueryInput } from '@shared/api/contract'
import type { PublicAccount } from '@shared/types'
import { errorText } from '../lib/errors'
import { useSessionStore } from './session'

export interface DirectoryFilters {
  q: string
  topic: string
  region: string
  // v-model on a number input yields a number once typed, '' when cleared.
  minFollowers: string | number
  maxFollowers: string | number
  minEngagement: string | number
  maxEngagement: string | number
  kind: '' | 'personal' | 'business'
  verifiedOnly: boolean
}

export const emptyFilters = (): DirectoryFilters => ({
  q: '', topic: '', region: '', minFollowers: '', maxFollowers: '', minEngagement: '', maxEngagement: '', kind: '', verifiedOnly: false,
})

/** Filters as query parameters: empty fields are left out, numbers stay as typed. */
export function toQuery(f: DirectoryFilters, limit: number, offset: number): DirectoryQueryInput {
  const q: DirectoryQueryInput = { limit, offset }
  if (f.q.trim()) {
    q.q = f.q.trim()
  }
  if (f.topic.trim()) {
    q.topic = f.topic.trim().toLowerCase()
  }
  if (f.region.trim()) {
    q.region = f.region.trim().toUpperCase()
  }
  for (const key of ['minFollowers', 'maxFollowers', 'minEngagement', 'maxEngagement'] as const) {
    const v = String(f[key]).trim()
    if (v !== '' && Number.isFinite(Number(v))) {
      q[key] = Number(v)
    }
  }
  if (f.kind) {
    q.kind = f.kind
  }
  if (f.verifiedOnly) {
    q.verified = 'true'
  }
  return q
}

export const PAGE = 30

export const useDirectoryStore = defineStore('directory', () => {
  const session = useSessionStore()
  const filters = reactive<DirectoryFilters>(emptyFilters())
  const results = ref<PublicAccount[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let generation = 0

  async function search(): Promise<void> {
    const gen = ++generation
    loading.value = true
    error.value = null
    try {
      const page = await session.api().directory(toQuery(filters, PAGE, 0))
      if (gen !== generation) {
        return
      }
      results.value = page.accounts
      total.value = page.total
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

  async function loadMore(): Promise<void> {
    if (loading.value || results.value.length >= total.value) {
      return
    }
    const gen = generation
    loading.value = true
    try {
      const page = await session.api().directory(toQuery(filters, PAGE, results.value.length))
      if (gen === generation) {
        results.value = [...results.value, ...page.accounts]
      }
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  function reset(): void {
    Object.assign(filters, emptyFilters())
  }

  async function profile(id: string): Promise<PublicAccount> {
    return (await session.api().getAccount(id)).account
  }

  return { filters, results, total, loading, error, search, loadMore, reset, profile }
})
