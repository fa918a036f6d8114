// The typed client of the node API: the renderer's only door to the node, also used by
// tests, benchmarks and scripts. Paths are built here, once, with every segment encoded.
import type { InboxCounts } from '../inbox-counts'
import type { AccountSettings, AccountView, ConversationSummary, Folder, Relation } from '../types'
import type {
  ApiErrorBody,
  AutoActivity,
  BusinessResponse,
  BusinessTools,
  ConversationLabelsBody,
  CreateLabelBody,
  CreateSavedReplyBody,
  Label,
  SavedReply,
  UpdateLabelBody,
  UpdateSavedReplyBody,
  CreateAccountBody,
  DirectoryPage,
  DirectoryQueryInput,
  HealthResponse,
  MessagesPage,
  MuteBody,
  NearbyResponse,
  NetworkResponse,
  NodeResponse,
  PairingCode,
  PeerInfo,
  PeersResponse,
  PeerView,
  PatchSettingsBody,
  SendMessageBody,
  SendResponse,
  TemplatePreview,
  UpdateProfileBody,
} from './contract'
import type { CreateCampaignBody, CreateListBody, CreateTemplateBody, PatchCreatorBody, PatchListBody, PreviewBody } from '../outreach/schemas'
import type { Campaign, CampaignRecipient, Creator, CreatorList, Template, Usage } from '../outreach/types'
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

  const acct = (account: string) => `/accounts/${seg(account)}`
  return {
    health: () => call<HealthResponse>('GET', '/health'),
    node: () => call<NodeResponse>('GET', '/node'),
    createLoginLink: () => call<{ url: string; expiresAt: string }>('POST', '/login-links'),
    exchangeSession: (code: string) => call<{ token: string }>('POST', '/session', { code }),

    listAccounts: (all = false) => call<{ accounts: AccountView[] }>('GET', '/accounts', undefined, { all: all || undefined }),
    createAccount: (body: CreateAccountBody) => call<{ account: AccountView }>('POST', '/accounts', body),
    getAccount: (account: string) => call<{ account: AccountView }>('GET', acct(account)),
    updateProfile: (account: string, body: UpdateProfileBody) => call<{ account: AccountView }>('PATCH', acct(account), body),
    getSettings: (account: string) => call<{ settings: AccountSettings }>('GET', `${acct(account)}/settings`),
    patchSettings: (account: string, body: PatchSettingsBody) => call<{ settings: AccountSettings }>('PATCH', `${acct(account)}/settings`, body),

    listFollows: (account: string) => call<{ accounts: AccountView[] }>('GET', `${acct(account)}/follows`),
    follow: (account: string, target: string) => call<{ following: boolean }>('POST', `${acct(account)}/follows`, { target }),
    unfollow: (account: string, target: string) => call<{ following: boolean }>('DELETE', `${acct(account)}/follows/${seg(target)}`),
    listBlocks: (account: string) => call<{ accounts: AccountView[] }>('GET', `${acct(account)}/blocks`),
    block: (account: string, target: string) => call<{ blocked: boolean }>('POST', `${acct(account)}/blocks`, { target }),
    unblock: (account: string, target: string) => call<{ blocked: boolean }>('DELETE', `${acct(account)}/blocks/${seg(target)}`),
    relation: (account: string, target: string) => call<{ relation: Relation }>('GET', `${acct(account)}/relations/${seg(target)}`),

    send: (account: string, body: SendMessageBody) => call<SendResponse>('POST', `${acct(account)}/messages`, body),
    hideMessage: (account: string, messageId: string) => call<{ deleted: true }>('DELETE', `${acct(account)}/messages/${seg(messageId)}`),
    /** Newest activity first; with `page.limit`, one page and the cursor of the next (null: no more); `label` keeps one label's (all at once). */
    conversations: (account: string, folder?: Folder, page: { limit?: number; cursor?: string; label?: string } = {}) =>
      call<{ conversations: ConversationSummary[]; nextCursor: string | null }>('GET', `${acct(account)}/conversations`, undefined, { folder, ...page }),
    /** Unread and request counts over the whole inbox (the list holds only the pages drawn). */
    counts: (account: string) => call<{ counts: InboxCounts }>('GET', `${acct(account)}/counts`),
    conversation: (account: string, id: string) => call<{ conversation: ConversationSummary }>('GET', `${acct(account)}/conversations/${seg(id)}`),
    messages: (account: string, id: string, page: { before?: string; limit?: number } = {}) =>
      call<MessagesPage>('GET', `${acct(account)}/conversations/${seg(id)}/messages`, undefined, page),
    acceptRequest: (account: string, id: string) => call<{ folder: 'inbox' }>('POST', `${acct(account)}/requests/${seg(id)}/accept`),
    deleteRequest: (account: string, id: string) => call<{ deleted: true }>('POST', `${acct(account)}/requests/${seg(id)}/delete`),
    markRead: (account: string, id: string) => call<{ readUpTo: string | null }>('POST', `${acct(account)}/conversations/${seg(id)}/read`),
    mute: (account: string, id: string, body: MuteBody) => call<{ muted: boolean; until: string | null }>('POST', `${acct(account)}/conversations/${seg(id)}/mute`, body),
    hideConversation: (account: string, id: string) => call<{ deleted: true }>('DELETE', `${acct(account)}/conversations/${seg(id)}`),

    // Business tools, labels and saved replies (docs/API.md "Business tools").
    business: (account: string) => call<BusinessResponse>('GET', `${acct(account)}/business`),
    putBusiness: (account: string, body: Partial<BusinessTools>) => call<BusinessResponse>('PUT', `${acct(account)}/business`, body),
    businessActivity: (account: string, limit?: number) => call<{ activity: AutoActivity[] }>('GET', `${acct(account)}/business/activity`, undefined, { limit }),
    suggestedQuestions: (account: string) => call<{ questions: string[] }>('GET', `${acct(account)}/suggested-questions`),
    labels: (account: string) => call<{ labels: Label[] }>('GET', `${acct(account)}/labels`),
    createLabel: (account: string, body: CreateLabelBody) => call<{ label: Label }>('POST', `${acct(account)}/labels`, body),
    updateLabel: (account: string, id: string, body: UpdateLabelBody) => call<{ label: Label }>('PATCH', `${acct(account)}/labels/${seg(id)}`, body),
    deleteLabel: (account: string, id: string) => call<{ deleted: true }>('DELETE', `${acct(account)}/labels/${seg(id)}`),
    setConversationLabels: (account: string, id: string, body: ConversationLabelsBody) =>
      call<{ labels: string[] }>('PUT', `${acct(account)}/conversations/${seg(id)}/labels`, body),
    savedReplies: (account: string) => call<{ savedReplies: SavedReply[] }>('GET', `${acct(account)}/saved-replies`),
    createSavedReply: (account: string, body: CreateSavedReplyBody) => call<{ savedReply: SavedReply }>('POST', `${acct(account)}/saved-replies`, body),
    updateSavedReply: (account: string, id: string, body: UpdateSavedReplyBody) =>
      call<{ savedReply: SavedReply }>('PATCH', `${acct(account)}/saved-replies/${seg(id)}`, body),
    deleteSavedReply: (account: string, id: string) => call<{ deleted: true }>('DELETE', `${acct(account)}/saved-replies/${seg(id)}`),

    directory: (query: DirectoryQueryInput = {}) => call<DirectoryPage>('GET', '/directory', undefined, query as Query),
    resolveAccounts: (addresses: string[]) => call<{ resolved: { address: string; account: AccountView | null }[] }>('POST', '/directory/resolve', { addresses }),

    // Outreach (docs/API.md "Usage", "Outreach").
    usage: (account: string) => call<{ usage: Usage }>('GET', `${acct(account)}/usage`),
    lists: () => call<{ lists: CreatorList[] }>('GET', '/lists'),
    list: (id: string) => call<{ list: CreatorList }>('GET', `/lists/${seg(id)}`),
    createList: (body: CreateListBody) => call<{ list: CreatorList }>('POST', '/lists', body),
    updateList: (id: string, body: PatchListBody) => call<{ list: CreatorList }>('PATCH', `/lists/${seg(id)}`, body),
    deleteList: (id: string) => call<{ deleted: true }>('DELETE', `/lists/${seg(id)}`),
    templates: () => call<{ templates: Template[] }>('GET', '/templates'),
    createTemplate: (body: CreateTemplateBody) => call<{ template: Template }>('POST', '/templates', body),
    updateTemplate: (id: string, body: Partial<CreateTemplateBody>) => call<{ template: Template }>('PATCH', `/templates/${seg(id)}`, body),
    deleteTemplate: (id: string) => call<{ deleted: true }>('DELETE', `/templates/${seg(id)}`),
    previewTemplate: (id: string, body: PreviewBody) => call<{ previews: TemplatePreview[] }>('POST', `/templates/${seg(id)}/preview`, body),
    campaigns: (account?: string) => call<{ campaigns: Campaign[] }>('GET', '/campaigns', undefined, { account }),
    campaign: (id: string) => call<{ campaign: Campaign }>('GET', `/campaigns/${seg(id)}`),
    createCampaign: (body: CreateCampaignBody) => call<{ campaign: Campaign }>('POST', '/campaigns', body),
    setCampaignState: (id: string, state: 'paused' | 'running' | 'cancelled') => call<{ campaign: Campaign }>('PATCH', `/campaigns/${seg(id)}`, { state }),
    campaignRecipients: (id: string) => call<{ recipients: CampaignRecipient[] }>('GET', `/campaigns/${seg(id)}/recipients`),
    /** The URL of the results CSV (fetch it with the bearer token). */
    campaignCsvUrl: (id: string) => `${root}/campaigns/${seg(id)}/recipients.csv`,
    creators: () => call<{ creators: Creator[] }>('GET', '/creators'),
    updateCreator: (account: string, body: PatchCreatorBody) => call<{ creator: Creator }>('PATCH', `/creators/${seg(account)}`, body),

    // LAN sync (docs/SYNC.md): what the Network pane needs.
    peerInfo: () => call<PeerInfo>('GET', '/peer-info'),
    pairingCode: () => call<PairingCode>('GET', '/pairing-code'),
    newPairingCode: () => call<PairingCode>('POST', '/pairing-code'),
    peers: () => call<PeersResponse>('GET', '/peers'),
    pair: (url: string, code: string) => call<{ peer: PeerView }>('POST', '/peers', { url, code }),
    unpair: (id: string) => call<{ unpaired: true }>('DELETE', `/peers/${seg(id)}`),
    network: () => call<NetworkResponse>('GET', '/network'),
    nearby: () => call<NearbyResponse>('GET', '/nearby'),

    /** Low-level escape hatch for routes without a method (the sync tests' hold hook); still one place that builds URLs. */
    call,
  }
}

export type EnvelopeClient = ReturnType<typeof createClient>
