// The accounts signed in on this node, which one is in view, their settings, follows and blocks.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CreateAccountBody, PatchSettingsBody } from '@shared/api/contract'
import type { AccountSettings, AccountView } from '@shared/types'
import { useSessionStore } from './session'

export const ALL = 'all'

export const useAccountsStore = defineStore('accounts', () => {
  const session = useSessionStore()
  const accounts = ref<AccountView[]>([])
  const loaded = ref(false)
  /** 'all' for the unified inbox, or one account id. */
  const scope = ref<string>(ALL)
  /** The account that acts in panes needing one (compose, settings, directory) while scope is 'all'. */
  const actingPick = ref<string | null>(null)
  const settings = ref<Record<string, AccountSettings>>({})
  const following = ref<Record<string, string[]>>({})
  const blocked = ref<Record<string, AccountView[]>>({})

  const byId = computed(() => new Map(accounts.value.map((a) => [a.id, a])))
  const scopeIds = computed(() => (scope.value === ALL ? accounts.value.map((a) => a.id) : [scope.value]))
  const actingId = computed<string | null>(() => {
    if (scope.value !== ALL) {
      return scope.value
    }
    if (actingPick.value && byId.value.has(actingPick.value)) {
      return actingPick.value
    }
    return accounts.value[0]?.id ?? null
  })
  const acting = computed(() => (actingId.value ? byId.value.get(actingId.value) ?? null : null))

  async function load(): Promise<void> {
    const { accounts: list } = await session.api().listAccounts()
    accounts.value = list.filter((a) => a.local)
    loaded.value = true
    if (scope.value !== ALL && !byId.value.has(scope.value)) {
      scope.value = ALL
    }
    await Promise.all(accounts.value.map((a) => loadSettings(a.id)))
  }

  async function loadSettings(accountId: string): Promise<void> {
    const { settings: s } = await session.api().getSettings(accountId)
    settings.value = { ...settings.value, [accountId]: s }
  }

  async function saveSettings(accountId: string, change: PatchSettingsBody): Promise<void> {
    const { settings: s } = await session.api().patchSettings(accountId, change)
    settings.value = { ...settings.value, [accountId]: s }
  }

  async function loadFollowing(accountId: string): Promise<void> {
    const { accounts: list } = await session.api().listFollows(accountId)
    following.value = { ...following.value, [accountId]: list.map((a) => a.id) }
  }

  async function loadBlocked(accountId: string): Promise<void> {
    const { accounts: list } = await session.api().listBlocks(accountId)
    blocked.value = { ...blocked.value, [accountId]: list }
  }

  function accountIds(): string[] {
    return accounts.value.map((a) => a.id)
  }

  function isFollowing(accountId: string, targetId: string): boolean {
    return following.value[accountId]?.includes(targetId) ?? false
  }

  async function follow(accountId: string, targetId: string): Promise<void> {
    await session.api().follow(accountId, targetId)
    await loadFollowing(accountId)
  }

  async function unfollow(accountId: string, targetId: string): Promise<void> {
    await session.api().unfollow(accountId, targetId)
    await loadFollowing(accountId)
  }

  async function block(accountId: string, targetId: string): Promise<void> {
    await session.api().block(accountId, targetId)
    await Promise.all([loadBlocked(accountId), loadFollowing(accountId)])
  }

  async function unblock(accountId: string, targetId: string): Promise<void> {
    await session.api().unblock(accountId, targetId)
    await loadBlocked(accountId)
  }

  async function create(body: CreateAccountBody): Promise<AccountView> {
    const { account } = await session.api().createAccount(body)
    await load()
    scope.value = account.id
    return account
  }

  function select(id: string): void {
    scope.value = id === ALL || byId.value.has(id) ? id : ALL
  }

  function pickActing(id: string): void {
    actingPick.value = id
  }

  return {
    accounts, loaded, scope, actingPick, settings, following, blocked, byId, scopeIds, actingId, acting,
    accountIds, load, loadSettings, saveSettings, loadFollowing, loadBlocked, isFollowing, follow, unfollow, block, unblock, create, select, pickActing,
  }
})
