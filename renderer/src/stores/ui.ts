// What the main pane shows, and the app-wide overlays: confirm dialog, context menu, toasts.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Folder } from '@shared/types'
import { useInboxStore } from './inbox'

export type View = 'home' | 'conversation' | 'compose' | 'directory' | 'profile' | 'settings' | 'network' | 'lists' | 'campaigns' | 'creators' | 'business'

export interface MenuItem {
  id: string
  label: string
  danger?: boolean
  disabled?: boolean
  run: () => unknown
}

export interface ConfirmRequest {
  title: string
  body: string
  confirmLabel: string
  danger?: boolean
}

export interface Toast {
  id: number
  title: string
  body: string
  tone: 'info' | 'error'
  action?: { label: string; run: () => void }
  /** The conversation it is about ("account:conversation"): opening it dismisses the toast. */
  about?: string
}

export const useUiStore = defineStore('ui', () => {
  const view = ref<View>('home')
  const profileId = ref<string | null>(null)
  const composeTo = ref<string | null>(null)
  const createAccountOpen = ref(false)
  const menu = shallowRef<{ x: number; y: number; label: string; items: MenuItem[] } | null>(null)
  const confirmRequest = ref<ConfirmRequest | null>(null)
  const toasts = ref<Toast[]>([])
  let confirmResolve: ((ok: boolean) => void) | null = null
  let toastSeq = 0

  function show(v: View): void {
    view.value = v
  }

  function openProfile(accountId: string): void {
    profileId.value = accountId
    view.value = 'profile'
  }

  function openCompose(to: string | null = null): void {
    composeTo.value = to
    view.value = 'compose'
  }

  /** Shows one conversation of a local account, switching to the folder it is in when given. */
  function openConversation(accountId: string, conversationId: string, folder?: Folder): void {
    const inbox = useInboxStore()
    if (folder) {
      inbox.setFolder(folder)
    }
    inbox.select(accountId, conversationId)
    view.value = 'conversation'
  }

  function openMenu(x: number, y: number, label: string, items: MenuItem[]): void {
    menu.value = { x, y, label, items }
  }

  function closeMenu(): void {
    menu.value = null
  }

  /** Asks the person; resolves true only when they confirm. */
  function confirm(request: ConfirmRequest): Promise<boolean> {
    confirmResolve?.(false)
    confirmRequest.value = request
    return new Promise((resolve) => {
      confirmResolve = resolve
    })
  }

  function answer(ok: boolean): void {
    confirmResolve?.(ok)
    confirmResolve = null
    confirmRequest.value = null
  }

  function toast(t: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }, ttlMs = 6000): number {
    const id = ++toastSeq
    toasts.value = [...toasts.value.slice(-3), { tone: 'info', ...t, id }]
    if (ttlMs > 0) {
      setTimeout(() => dismiss(id), ttlMs)
    }
    return id
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  function dismissAbout(key: string): void {
    toasts.value = toasts.value.filter((t) => t.about !== key)
  }

  return {
    view, profileId, composeTo, createAccountOpen, menu, confirmRequest, toasts,
    show, openProfile, openCompose, openConversation, openMenu, closeMenu, confirm, answer, toast, dismiss, dismissAbout,
  }
})
