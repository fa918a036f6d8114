// The typed client of the node API: the renderer's only door to the node, also used by
// tests, benchmarks and scripts. Each method names its operation in shared/api/operations,
// which gives its method, path (every segment encoded here) and response type.
import type { Folder } from '../types'
import type {
  ApiErrorBody,
  BusinessTools,
  ConversationLabelsBody,
  CreateAccountBody,
  CreateLabelBody,
  CreateSavedReplyBody,
  DirectoryQueryInput,
  MuteBody,
  PatchSettingsBody,
  SendMessageBody,
  UpdateLabelBody,
  UpdateProfileBody,
  UpdateSavedReplyBody,
} from './contract'
import type { CreateCampaignBody, CreateListBody, CreateTemplateBody, PatchCreatorBody, PatchListBody, PreviewBody } from '../outreach/schemas'
import { operations } from './operations'
import type { Operation, OperationId, ResponseOf } from './operations'
import type { TokenSource } from './http'
import { apiRoot, fetcherOf, withBearer } from './http'

/** A refusal or failure from the node, with its stable code and a sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
  get retryAt(): string | undefined {
    return typeof this.details.retryAt === 'string' ? this.details.retryAt : undefined
  }
  get field(): string | undefined {
    return typeof this.details.field === 'string' ? this.details.field : undefined
  }
}

export interface ClientOptions {
  baseUrl: string
  /** Bearer token, or a function giving the current one (sessions can change). */
  token?: TokenSource
  fetch?: typeof fetch
}

type Query = Record<string, string | number | boolean | undefined>

const seg = (s: string) => encodeURIComponent(s)
/** `/accounts/{account}` with `{account: '@ann'}` -> `/accounts/%40ann`: every segment encoded. */
const pathOf = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => seg(params[name] ?? ''))

export function createClient(options: ClientOptions) {
  const doFetch = fetcherOf(options.fetch)
  const root = apiRoot(options.baseUrl)

  async function call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const qs = query
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => `${seg(k)}=${seg(String(v))}`)
          .join('&')
      : ''
    const headers = withBearer({}, options.token)
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
    }
    let response: Response
    try {
      response = await doFetch(`${root}${path}${qs ? `?${qs}` : ''}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new ApiError(0, 'OFFLINE', 'The node cannot be reached. Check that Envelope is running.', { cause: String(error) })
    }
    const text = await response.text()
    let data: unknown
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      throw new ApiError(response.status, 'BAD_RESPONSE', 'The node answered with something that is not JSON.')
    }
    if (!response.ok) {
      const err = (data as ApiErrorBody | undefined)?.error
      const { code = 'HTTP_ERROR', message = `The node answered ${response.status}.`, ...rest } = err ?? {}
      throw new ApiError(response.status, code, message, rest)
    }
    return data as T
  }

  /** Calls operation `id` of the table (shared/api/operations): its method, its path with `params` filled in. */
  function request<K extends OperationId>(id: K, params: Record<string, string> = {}, body?: unknown, query?: Query): Promise<ResponseOf<K>> {
    const op: Operation = operations[id]
    return call<ResponseOf<K>>(op.method.toUpperCase(), pathOf(op.path, params), body, query)
  }

  return {
    health: () => request('health'),
    node: () => request('node'),
    createLoginLink: () => request('createLoginLink'),
    exchangeSession: (code: string) => request('exchangeSession', {}, { code }),

    listAccounts: (all = false) => request('listAccounts', {}, undefined, { all: all || undefined }),
    createAccount: (body: CreateAccountBody) => request('createAccount', {}, body),
    getAccount: (account: string) => request('getAccount', { account }),
    updateProfile: (account: string, body: UpdateProfileBody) => request('updateProfile', { account }, body),
    getSettings: (account: string) => request('getSettings', { account }),
    patchSettings: (account: string, body: PatchSettingsBody) => request('patchSettings', { account }, body),

    listFollows: (account: string) => request('listFollows', { account }),
    follow: (account: string, target: string) => request('follow', { account }, { target }),
    unfollow: (account: string, target: string) => request('unfollow', { account, target }),
    listBlocks: (account: string) => request('listBlocks', { account }),
    block: (account: string, target: string) => request('block', { account }, { target }),
    unblock: (account: string, target: string) => request('unblock', { account, target }),
    relation: (account: string, target: string) => request('relation', { account, target }),

    send: (account: string, body: SendMessageBody) => request('send', { account }, body),
    hideMessage: (account: string, messageId: string) => request('hideMessage', { account, id: messageId }),
    /** Newest activity first; with `page.limit`, one page and the cursor of the next (null: no more); `label` keeps one label's (all at once). */
    conversations: (account: string, folder?: Folder, page: { limit?: number; cursor?: string; label?: string } = {}) =>
      request('conversations', { account }, undefined, { folder, ...page }),
    /** Unread and request counts over the whole inbox (the list holds only the pages drawn). */
    counts: (account: string) => request('counts', { account }),
    conversation: (account: string, id: string) => request('conversation', { account, id }),
    messages: (account: string, id: string, page: { before?: string; limit?: number } = {}) => request('messages', { account, id }, undefined, page),
    acceptRequest: (account: string, id: string) => request('acceptRequest', { account, id }),
    deleteRequest: (account: string, id: string) => request('deleteRequest', { account, id }),
    markRead: (account: string, id: string) => request('markRead', { account, id }),
    mute: (account: string, id: string, body: MuteBody) => request('mute', { account, id }, body),
    hideConversation: (account: string, id: string) => request('hideConversation', { account, id }),

    // Business tools, labels and saved replies (docs/API.md "Business tools").
    business: (account: string) => request('business', { account }),
    putBusiness: (account: string, body: Partial<BusinessTools>) => request('putBusiness', { account }, body),
    businessActivity: (account: string, limit?: number) => request('businessActivity', { account }, undefined, { limit }),
    suggestedQuestions: (account: string) => request('suggestedQuestions', { account }),
    labels: (account: string) => request('labels', { account }),
    createLabel: (account: string, body: CreateLabelBody) => request('createLabel', { account }, body),
    updateLabel: (account: string, id: string, body: UpdateLabelBody) => request('updateLabel', { account, id }, body),
    deleteLabel: (account: string, id: string) => request('deleteLabel', { account, id }),
    setConversationLabels: (account: string, id: string, body: ConversationLabelsBody) => request('setConversationLabels', { account, id }, body),
    savedReplies: (account: string) => request('savedReplies', { account }),
    createSavedReply: (account: string, body: CreateSavedReplyBody) => request('createSavedReply', { account }, body),
    updateSavedReply: (account: string, id: string, body: UpdateSavedReplyBody) => request('updateSavedReply', { account, id }, body),
    deleteSavedReply: (account: string, id: string) => request('deleteSavedReply', { account, id }),

    directory: (query: DirectoryQueryInput = {}) => request('directory', {}, undefined, query as Query),
    resolveAccounts: (addresses: string[]) => request('resolveAccounts', {}, { addresses }),

    // Outreach (docs/API.md "Usage", "Outreach").
    usage: (account: string) => request('usage', { account }),
    lists: () => request('lists'),
    list: (id: string) => request('list', { id }),
    createList: (body: CreateListBody) => request('createList', {}, body),
    updateList: (id: string, body: PatchListBody) => request('updateList', { id }, body),
    deleteList: (id: string) => request('deleteList', { id }),
    templates: () => request('templates'),
    template: (id: string) => request('template', { id }),
    createTemplate: (body: CreateTemplateBody) => request('createTemplate', {}, body),
    updateTemplate: (id: string, body: Partial<CreateTemplateBody>) => request('updateTemplate', { id }, body),
    deleteTemplate: (id: string) => request('deleteTemplate', { id }),
    previewTemplate: (id: string, body: PreviewBody) => request('previewTemplate', { id }, body),
    campaigns: (account?: string) => request('campaigns', {}, undefined, { account }),
    campaign: (id: string) => request('campaign', { id }),
    createCampaign: (body: CreateCampaignBody) => request('createCampaign', {}, body),
    setCampaignState: (id: string, state: 'paused' | 'running' | 'cancelled') => request('setCampaignState', { id }, { state }),
    campaignRecipients: (id: string) => request('campaignRecipients', { id }),
    /** The URL of the results CSV (fetch it with the bearer token). */
    campaignCsvUrl: (id: string) => `${root}${pathOf(operations.campaignCsv.path, { id })}`,
    creators: () => request('creators'),
    updateCreator: (account: string, body: PatchCreatorBody) => request('updateCreator', { account }, body),

    // LAN sync (docs/SYNC.md): what the Network pane needs.
    peerInfo: () => request('peerInfo'),
    pairingCode: () => request('pairingCode'),
    newPairingCode: () => request('newPairingCode'),
    peers: () => request('peers'),
    peer: (id: string) => request('peer', { id }),
    pair: (url: string, code: string) => request('pair', {}, { url, code }),
    unpair: (id: string) => request('unpair', { id }),
    network: () => request('network'),
    nearby: () => request('nearby'),

    /** Low-level escape hatch for routes without a method (the sync tests' hold hook); still one place that builds URLs. */
    call,
  }
}

export type EnvelopeClient = ReturnType<typeof createClient>
