// Outreach state for the Lists, Campaigns and Creators panes: lists, templates, campaigns
// (with the open one's recipients) and the creator pipeline, re-read when the node says
// something in outreach changed.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Campaign, CampaignRecipient, Creator, CreatorList, Template, Usage } from '@shared/outreach/types'
import { errorText } from '../lib/errors'
import { useSessionStore } from './session'

export const useOutreachStore = defineStore('outreach', () => {
  const session = useSessionStore()
  const lists = ref<CreatorList[]>([])
  const templates = ref<Template[]>([])
  const campaigns = ref<Campaign[]>([])
  const creators = ref<Creator[]>([])
  const openCampaignId = ref<string | null>(null)
  const recipients = ref<CampaignRecipient[]>([])
  const usage = ref<Record<string, Usage>>({})
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null

  async function guarded(fn: () => Promise<void>): Promise<void> {
    try {
      await fn()
      error.value = null
    } catch (e) {
      error.value = errorText(e)
    }
  }

  const loadLists = () => guarded(async () => void (lists.value = (await session.api().lists()).lists))
  const loadTemplates = () => guarded(async () => void (templates.value = (await session.api().templates()).templates))
  const loadCampaigns = () => guarded(async () => void (campaigns.value = (await session.api().campaigns()).campaigns))
  const loadCreators = () => guarded(async () => void (creators.value = (await session.api().creators()).creators))

  async function loadRecipients(): Promise<void> {
    const id = openCampaignId.value
    if (!id) {
      return
    }
    await guarded(async () => {
      const { recipients: rs } = await session.api().campaignRecipients(id)
      if (openCampaignId.value === id) {
        recipients.value = rs
      }
    })
  }

  function openCampaign(id: string | null): void {
    openCampaignId.value = id
    recipients.value = []
    void loadRecipients()
  }

  async function loadUsage(accountId: string): Promise<void> {
    try {
      usage.value = { ...usage.value, [accountId]: (await session.api().usage(accountId)).usage }
    } catch {
      // An account homed elsewhere has no usage here: nothing to show.
    }
  }

  async function loadAll(): Promise<void> {
    await Promise.all([loadLists(), loadTemplates(), loadCampaigns(), loadCreators(), loadRecipients()])
  }

  /** Panes that have shown outreach data: only they are kept fresh. */
  let shown = false
  function show(): void {
    shown = true
    void loadAll()
  }

  /**
   * The node's `outreach.changed`, or a message (it moves usage, and a creator's reply moves
   * tracking and the pipeline): one re-read once the burst settles.
   */
  function changed(): void {
    if (timer) {
      clearTimeout(timer)
    }
    timer = setTimeout(() => {
      timer = null
      if (shown) {
        void loadAll()
      }
      for (const id of Object.keys(usage.value)) {
        void loadUsage(id)
      }
    }, 150)
  }

  return {
    lists, templates, campaigns, creators, openCampaignId, recipients, usage, error,
    loadLists, loadTemplates, loadCampaigns, loadCreators, loadRecipients, openCampaign, loadUsage, loadAll, changed, show,
  }
})
