// Directory search and filters (docs/PRODUCT.md 7), and the profiles opened from it.
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { DirectoryQueryInput } from '@shared/api/contract'
import type { PublicAccount } from '@shared/types'
import { useAction } from '../composables/useAction'
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
  q: '',
  topic: '',
  region: '',
  minFollowers: '',
  maxFollowers: '',
  minEngagement: '',
  maxEngagement: '',
  kind: '',
  verifiedOnly: false,
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
  // A new search supersedes the page on its way; a next page waits for nothing else.
  const { busy: loading, error, run } = useAction({ mode: 'latest' })

  async function search(): Promise<void> {
    await run(async (current) => {
      const page = await session.api().directory(toQuery(filters, PAGE, 0))
      if (current()) {
        results.value = page.accounts
        total.value = page.total
      }
    })
  }

  async function loadMore(): Promise<void> {
    if (loading.value || results.value.length >= total.value) {
      return
    }
    await run(async (current) => {
      const page = await session.api().directory(toQuery(filters, PAGE, results.value.length))
      if (current()) {
        results.value = [...results.value, ...page.accounts]
      }
    })
  }

  function reset(): void {
    Object.assign(filters, emptyFilters())
  }

  async function profile(id: string): Promise<PublicAccount> {
    return (await session.api().getAccount(id)).account
  }

  return { filters, results, total, loading, error, search, loadMore, reset, profile }
})
