// The business inbox in the renderer: labels and saved replies per local account, the
// business tools and their activity, and the suggested questions of the accounts talked to.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AutoActivity, BusinessResponse, BusinessTools, Label, SavedReply } from '@shared/api/contract'
import type { LabelColor } from '@shared/business/types'
import { useSessionStore } from './session'

export const useBusinessStore = defineStore('business', () => {
  const session = useSessionStore()
  /** Per local account: its labels, in the order made. */
  const labels = ref<Record<string, Label[]>>({})
  const savedReplies = ref<Record<string, SavedReply[]>>({})
  const tools = ref<Record<string, BusinessResponse>>({})
  const activity = ref<Record<string, AutoActivity[]>>({})
  /** Per account talked to (any node): the suggested questions it shows a contact. */
  const questions = ref<Record<string, string[]>>({})
  /** The inbox filter: a label name, so one filter works across the accounts of the unified inbox. */
  const labelFilter = ref<string | null>(null)

  async function loadLabels(accountId: string): Promise<void> {
    const { labels: list } = await session.api().labels(accountId)
    labels.value = { ...labels.value, [accountId]: list }
  }

  async function createLabel(accountId: string, name: string, color: LabelColor): Promise<Label> {
    const { label } = await session.api().createLabel(accountId, { name, color })
    await loadLabels(accountId)
    return label
  }

  /** Renames or recolours a label; an inbox filtered by its old name follows the new one. */
  async function updateLabel(accountId: string, labelId: string, name: string, color: LabelColor): Promise<void> {
    const before = labels.value[accountId]?.find((l) => l.id === labelId)
    const { label } = await session.api().updateLabel(accountId, labelId, { name, color })
    await loadLabels(accountId)
    if (before && labelFilter.value === before.name) {
      labelFilter.value = label.name
    }
  }

  async function deleteLabel(accountId: string, labelId: string): Promise<void> {
    await session.api().deleteLabel(accountId, labelId)
    await loadLabels(accountId)
    if (labelFilter.value && !Object.values(labels.value).some((list) => list.some((l) => l.name === labelFilter.value))) {
      labelFilter.value = null
    }
  }

  async function setConversationLabels(accountId: string, conversationId: string, labelIds: string[]): Promise<void> {
    await session.api().setConversationLabels(accountId, conversationId, { labelIds })
  }

  /** The names of an account's labels with these ids, in label order. */
  function labelsOf(accountId: string, ids: readonly string[] | undefined): Label[] {
    if (!ids || ids.length === 0) {
      return []
    }
    return (labels.value[accountId] ?? []).filter((l) => ids.includes(l.id))
  }

  async function loadSavedReplies(accountId: string): Promise<void> {
    const { savedReplies: list } = await session.api().savedReplies(accountId)
    savedReplies.value = { ...savedReplies.value, [accountId]: list }
  }

  async function createSavedReply(accountId: string, title: string, text: string): Promise<void> {
    await session.api().createSavedReply(accountId, { title, text })
    await loadSavedReplies(accountId)
  }

  async function updateSavedReply(accountId: string, id: string, title: string, text: string): Promise<void> {
    await session.api().updateSavedReply(accountId, id, { title, text })
    await loadSavedReplies(accountId)
  }

  async function deleteSavedReply(accountId: string, id: string): Promise<void> {
    await session.api().deleteSavedReply(accountId, id)
    await loadSavedReplies(accountId)
  }

  async function loadTools(accountId: string): Promise<void> {
    const [view, recent] = await Promise.all([session.api().business(accountId), session.api().businessActivity(accountId, 20)])
    tools.value = { ...tools.value, [accountId]: view }
    activity.value = { ...activity.value, [accountId]: recent.activity }
  }

  async function saveTools(accountId: string, body: BusinessTools): Promise<void> {
    const view = await session.api().putBusiness(accountId, body)
    tools.value = { ...tools.value, [accountId]: view }
  }

  async function loadActivity(accountId: string): Promise<void> {
    const { activity: list } = await session.api().businessActivity(accountId, 20)
    activity.value = { ...activity.value, [accountId]: list }
  }

  async function loadQuestions(accountId: string): Promise<void> {
    try {
      const { questions: list } = await session.api().suggestedQuestions(accountId)
      questions.value = { ...questions.value, [accountId]: list }
    } catch {
      questions.value = { ...questions.value, [accountId]: [] }
    }
  }

  return {
    labels,
    savedReplies,
    tools,
    activity,
    questions,
    labelFilter,
    loadLabels,
    createLabel,
    updateLabel,
    deleteLabel,
    setConversationLabels,
    labelsOf,
    loadSavedReplies,
    createSavedReply,
    updateSavedReply,
    deleteSavedReply,
    loadTools,
    saveTools,
    loadActivity,
    loadQuestions,
  }
})
