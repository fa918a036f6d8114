// The response schemas (shared/api/responses) are the shapes of shared/types.ts, exactly (checked
// by the type checker), and what a real node answers fits them with nothing left over.
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { operations } from '@shared/api'
import type { OperationId } from '@shared/api'
import type {
  accountSettingsSchema,
  inboxCountsSchema,
  accountViewSchema,
  conversationSummarySchema,
  messageSchema,
  publicAccountSchema,
  relationSchema,
} from '@shared/api/responses/domain'
import type { InboxCounts } from '@shared/inbox-counts'
import type { autoActivitySchema, businessStatusSchema, businessToolsSchema, labelSchema, savedReplySchema } from '@shared/api/responses/business'
import type { campaignRecipientSchema, campaignSchema, creatorListSchema, creatorSchema, templateSchema, usageSchema } from '@shared/api/responses/outreach'
import type { AutoActivity, BusinessStatus, BusinessTools, Label, SavedReply } from '@shared/business/types'
import type { Campaign, CampaignRecipient, Creator, CreatorList, Template, Usage } from '@shared/outreach/types'
import type { AccountSettings, AccountView, ConversationSummary, Message, PublicAccount, Relation } from '@shared/types'
import type { TestNode } from './support'
import { cid, pair, startTestNode } from './support'

let t: TestNode
beforeAll(async () => {
  t = await startTestNode()
})
afterAll(async () => {
  await t.stop()
})

describe('response schemas', () => {
  it('types: each schema is its shared type, exactly', () => {
    expectTypeOf<z.output<typeof publicAccountSchema>>().toEqualTypeOf<PublicAccount>()
    expectTypeOf<z.output<typeof accountViewSchema>>().toEqualTypeOf<AccountView>()
    expectTypeOf<z.output<typeof accountSettingsSchema>>().toEqualTypeOf<AccountSettings>()
    expectTypeOf<z.output<typeof relationSchema>>().toEqualTypeOf<Relation>()
    expectTypeOf<z.output<typeof messageSchema>>().toEqualTypeOf<Message>()
    expectTypeOf<z.output<typeof conversationSummarySchema>>().toEqualTypeOf<ConversationSummary>()
    expectTypeOf<z.output<typeof businessToolsSchema>>().toEqualTypeOf<BusinessTools>()
    expectTypeOf<z.output<typeof businessStatusSchema>>().toEqualTypeOf<BusinessStatus>()
    expectTypeOf<z.output<typeof autoActivitySchema>>().toEqualTypeOf<AutoActivity>()
    expectTypeOf<z.output<typeof labelSchema>>().toEqualTypeOf<Label>()
    expectTypeOf<z.output<typeof savedReplySchema>>().toEqualTypeOf<SavedReply>()
    expectTypeOf<z.output<typeof usageSchema>>().toEqualTypeOf<Usage>()
    expectTypeOf<z.output<typeof creatorListSchema>>().toEqualTypeOf<CreatorList>()
    expectTypeOf<z.output<typeof templateSchema>>().toEqualTypeOf<Template>()
    expectTypeOf<z.output<typeof campaignSchema>>().toEqualTypeOf<Campaign>()
    expectTypeOf<z.output<typeof campaignRecipientSchema>>().toEqualTypeOf<CampaignRecipient>()
    expectTypeOf<z.output<typeof creatorSchema>>().toEqualTypeOf<Creator>()
    expectTypeOf<z.output<typeof inboxCountsSchema>>().toEqualTypeOf<InboxCounts>()
  })

  it('real answers of a node fit their operation schema, with no field the schema does not name', async () => {
    const [a, b] = await pair(t)
    const c = t.client
    const sent = await c.send(a.id, { to: b.id, text: 'schema check', clientId: cid() })
    const label = await c.createLabel(b.id, { name: 'Lead', color: 'teal' })
    const answers: [OperationId, unknown][] = [
      ['health', await c.health()],
      ['node', await c.node()],
      ['listAccounts', await c.listAccounts(true)],
      ['getAccount', await c.getAccount(a.id)],
      ['getSettings', await c.getSettings(a.id)],
      ['relation', await c.relation(a.id, b.id)],
      ['usage', await c.usage(a.id)],
      ['send', sent],
      ['conversations', await c.conversations(b.id, 'requests')],
      ['conversation', await c.conversation(a.id, sent.conversationId)],
      ['counts', await c.counts(b.id)],
      ['messages', await c.messages(a.id, sent.conversationId)],
      ['createLabel', label],
      ['setConversationLabels', await c.setConversationLabels(b.id, sent.conversationId, { labelIds: [label.label.id] })],
      ['directory', await c.directory()],
      ['lists', await c.lists()],
      ['creators', await c.creators()],
      ['peers', await c.peers()],
      ['network', await c.network()],
      ['nearby', await c.nearby()],
      ['pairingCode', await c.pairingCode()],
      ['peerInfo', await c.peerInfo()],
    ]
    for (const [id, body] of answers) {
      const parsed = operations[id].response.safeParse(body)
      expect(parsed.error?.issues, id).toBeUndefined()
      // zod drops what a schema does not name: equal means nothing was left over.
      expect(parsed.data, id).toEqual(body)
    }
  })
})
