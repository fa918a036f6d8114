// Campaigns (docs/API.md "Outreach"): created with every recipient decided (queued, or skipped for
// a reason no waiting cures), paused, resumed, cancelled, and shown with counts, stats and
// the projected finish. Sending is the scheduler's job (./scheduler).
import type { z } from 'zod'
import type { createCampaignSchema } from '@shared/outreach/schemas'
import { intervalMs, projectFinish } from '@shared/outreach/pacing'
import { campaignStats } from '@shared/outreach/tracking'
import type { Campaign, CampaignState } from '@shared/outreach/types'
import type { Domain } from '../domain/domain'
import { homeAccount, knownAccount } from '../domain/account-lookup'
import { DomainError, notFound } from '../domain/errors'
import { randomId } from '../domain/ids'
import type { CampaignRecord, RecipientRecord } from '../store'
import { countsOf } from '../store/outreach/queries'
import { getList } from './lists'
import { planFirstMessage } from './plan'
import { getTemplate } from './templates'

const DAY = 86_400_000

export function getCampaign(domain: Domain, id: string): CampaignRecord {
  const campaign = domain.store.outreach.campaign(id)
  if (!campaign) {
    throw notFound('The campaign')
  }
  return campaign
}

export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export async function createCampaign(domain: Domain, input: z.output<typeof createCampaignSchema>): Promise<CampaignRecord> {
  const sender = homeAccount(domain, input.account)
  const list = getList(domain, input.listId)
  const template = getTemplate(domain, input.templateId)
  for (const f of input.followUps ?? []) {
    getTemplate(domain, f.templateId)
  }
  const now = domain.store.clock()
  const campaign: CampaignRecord = {
    id: randomId('cp', 8),
    account: sender.id,
    name: input.name,
    listId: list.id,
    templateId: template.id,
    perHour: input.perHour,
    startAt: input.startAt ? new Date(input.startAt).toISOString() : now.toISOString(),
    days: input.days ? [...new Set(input.days)].sort() : null,
    hours: input.hours ?? null,
    timeZone: input.timeZone ?? defaultTimeZone(),
    followFirst: input.followFirst ?? false,
    followUps: input.followUps ?? [],
    includeContacted: input.includeContacted ?? false,
    state: 'running',
    createdAt: now.toISOString(),
    lastSendAt: null,
    cursor: 0,
  }
  // Skips no waiting can cure are decided now, even while a cap window is full (docs/API.md).
  const recipients: RecipientRecord[] = []
  for (const memberId of list.members) {
    if (memberId === sender.id) {
      continue
    }
    const recipient = knownAccount(domain, memberId)
    const plan = planFirstMessage(domain, sender, recipient, template.text, now, campaign)
    if (plan.ok || plan.curable) {
      recipients.push({ accountId: memberId, status: 'queued', step: 0 })
    } else {
      recipients.push({ accountId: memberId, status: 'skipped', step: 0, code: plan.code, reason: plan.message, finished: true })
    }
  }
  await domain.store.commit([{ type: 'campaign.created', campaign, recipients }]).durable
  return getCampaign(domain, campaign.id)
}

export async function setCampaignState(domain: Domain, id: string, state: 'paused' | 'running' | 'cancelled'): Promise<CampaignRecord> {
  const campaign = getCampaign(domain, id)
  if (campaign.state === 'done' || campaign.state === 'cancelled') {
    throw new DomainError(409, 'CAMPAIGN_FINISHED', `The campaign "${campaign.name}" is ${campaign.state === 'done' ? 'done' : 'cancelled'} and cannot change.`)
  }
  if (campaign.state !== state) {
    await domain.store.commit([{ type: 'campaign.state', campaignId: id, state }]).durable
  }
  return getCampaign(domain, id)
}

/** Recipients that may still get a follow-up: reached, no reply or acceptance, steps left. */
export function awaitingFollowUp(campaign: CampaignRecord, r: RecipientRecord): boolean {
  return !r.finished && (r.status === 'sent_direct' || r.status === 'sent_request') && r.step < campaign.followUps.length
}

/** When the last send is expected: the queued first messages paced under the caps, then the follow-ups. */
function projectedFinish(domain: Domain, campaign: CampaignRecord, now: number): number | null {
  if (campaign.state === 'done' || campaign.state === 'cancelled') {
    return null
  }
  const recipients = domain.store.outreach.recipients(campaign.id)
  const queued = recipients.reduce((n, r) => n + (r.status === 'queued' ? 1 : 0), 0)
  const followUpDays = (from: number) => campaign.followUps.slice(from).reduce((sum, f) => sum + f.afterDays, 0)
  let finish: number | null = null
  if (queued > 0) {
    const last = projectFinish({
      now,
      earliest: Math.max(Date.parse(campaign.startAt), campaign.lastSendAt ? Date.parse(campaign.lastSendAt) + intervalMs(campaign.perHour) : 0),
      perHour: campaign.perHour,
      window: campaign,
      remaining: queued,
      sender: homeAccount(domain, campaign.account),
      history: domain.store.sendHistory(campaign.account),
      policy: domain.policy,
    })
    finish = last === null ? null : last + followUpDays(0) * DAY
  }
  for (const r of recipients) {
    if (!awaitingFollowUp(campaign, r) || !r.lastSentAt) {
      continue
    }
    const due = Date.parse(r.lastSentAt) + followUpDays(r.step) * DAY
    if (finish === null || due > finish) {
      finish = due
    }
  }
  return finish
}

export function presentCampaign(domain: Domain, campaign: CampaignRecord): Campaign {
  const now = domain.store.clock().getTime()
  const recipients = domain.store.outreach.recipients(campaign.id)
  const { cursor: _cursor, lastSendAt: _last, ...config } = campaign
  const state: CampaignState = campaign.state === 'running' && now < Date.parse(campaign.startAt) ? 'scheduled' : campaign.state
  const finish = projectedFinish(domain, campaign, now)
  return {
    ...config,
    state,
    counts: countsOf(recipients),
    projectedFinishAt: finish === null ? null : new Date(finish).toISOString(),
    stats: campaignStats(recipients),
  }
}

export function listCampaigns(domain: Domain, account?: string): Campaign[] {
  const accountId = account ? knownAccount(domain, account).id : undefined
  return domain.store.outreach.campaigns(accountId)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .map((c) => presentCampaign(domain, c))
}
