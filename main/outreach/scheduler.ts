// The campaign scheduler (docs/API.md "Outreach"): paces each running campaign's sends inside its
// days and hours, under the caps less a margin kept for the person (R12, R13). Each step is
// persisted before it acts ("about to send step N to X with clientId C"), and the clientId is
// the same for the same (campaign, recipient, step): after a crash the resend is answered by
// R18 with the original message, so nobody is sent twice.
import { fillTemplate } from '@shared/outreach/template'
import { intervalMs, isOpen, marginPolicy, nextOpen } from '@shared/outreach/pacing'
import type { Account } from '@shared/types'
import type { Domain } from '../domain/domain'
import { knownAccount } from '../domain/account-lookup'
import { DomainError } from '../domain/errors'
import { crashPoint } from '../lib/crash-point'
import { sendMessage } from '../domain/messaging'
import { follow } from '../domain/social'
import type { CampaignRecord, RecipientRecord } from '../store'
import { awaitingFollowUp } from './campaigns'
import type { Plan } from './plan'
import { planFirstMessage, planMessage, WAIT_CODES } from './plan'

const DAY = 86_400_000
/** Refusals handled in one tick for one campaign before it yields (a list full of blocked creators). */
const MAX_STEPS_PER_TICK = 200

export interface TickResult {
  /** Messages sent in this tick. */
  sent: number
  /** The earliest time something may be due again; null when nothing is waiting. */
  nextAt: number | null
}

/** The clientId of one step: deterministic, so a resend after a crash is a no-op (R18). */
export function stepClientId(campaignId: string, recipientId: string, step: number): string {
  return `cmp.${campaignId}.${recipientId}.${step}`
}

interface Work {
  recipient: RecipientRecord
  step: number
  /** A step persisted before a crash: resend it with its clientId. */
  resume: boolean
}

export class CampaignScheduler {
  private timer: NodeJS.Timeout | null = null
  private current: Promise<TickResult> | null = null
  private stopped = false
  /** Ticks in a row that failed (the disk refused a step): the next waits longer. */
  private failedTicks = 0

  constructor(
    private readonly domain: Domain,
    private readonly tickMs = 1000,
  ) {}

  /** Ticks every `tickMs` (0: never by itself; tests call tick()). */
  start(): void {
    if (this.tickMs <= 0 || this.timer) {
      return
    }
    const loop = () => {
      // After failed ticks (a full disk), wait longer, up to a minute: every step was
      // persisted before it acted, so the campaign resumes where it stopped.
      const delay = Math.min(60_000, this.tickMs * 2 ** Math.min(this.failedTicks, 16))
      this.timer = setTimeout(() => {
        void this.tick()
          .then(
            () => void (this.failedTicks = 0),
            () => void (this.failedTicks += 1),
          )
          .finally(() => {
            if (!this.stopped) {
              loop()
            }
          })
      }, delay)
      this.timer.unref?.()
    }
    loop()
  }

  /** A campaign was created or resumed: look at once rather than at the next tick. */
  kick(): void {
    if (this.tickMs > 0 && !this.stopped) {
      // A failure here is the timer loop's to wait out.
      void this.tick().catch(() => undefined)
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) {
      clearTimeout(this.timer)
    }
    this.timer = null
    await this.current?.catch(() => undefined)
  }

  /** One pass over every running campaign; ticks never overlap. */
  tick(): Promise<TickResult> {
    if (this.current) {
      return this.current.then(() => this.tick())
    }
    const run = this.runAll().finally(() => {
      this.current = null
    })
    this.current = run
    return run
  }

  private async runAll(): Promise<TickResult> {
    let sent = 0
    let nextAt: number | null = null
    for (const campaign of this.domain.store.outreach.campaigns()) {
      if (this.stopped) {
        break
      }
      if (campaign.state !== 'running') {
        continue
      }
      const result = await this.runCampaign(campaign)
      sent += result.sent
      if (result.nextAt !== null) {
        nextAt = nextAt === null ? result.nextAt : Math.min(nextAt, result.nextAt)
      }
    }
    return { sent, nextAt }
  }

  private async runCampaign(campaign: CampaignRecord): Promise<TickResult> {
    const { store } = this.domain
    const now = store.clock().getTime()
    const start = Date.parse(campaign.startAt)
    if (now < start) {
      return { sent: 0, nextAt: start }
    }
    const paced = campaign.lastSendAt ? Date.parse(campaign.lastSendAt) + intervalMs(campaign.perHour) : 0
    if (now < paced) {
      return { sent: 0, nextAt: paced }
    }
    if (!isOpen(now, campaign)) {
      return { sent: 0, nextAt: nextOpen(now, campaign) }
    }
    const sender = knownAccount(this.domain, campaign.account)
    for (let steps = 0; steps < MAX_STEPS_PER_TICK && !this.stopped; steps++) {
      const work = this.nextWork(campaign, now)
      if (work === 'done') {
        await store.commit([{ type: 'campaign.state', campaignId: campaign.id, state: 'done' }]).durable
        return { sent: 0, nextAt: null }
      }
      if (typeof work === 'number') {
        return { sent: 0, nextAt: work }
      }
      const outcome = await this.runStep(campaign, sender, work)
      if (outcome === 'sent') {
        return { sent: 1, nextAt: Date.parse(campaign.lastSendAt ?? '') + intervalMs(campaign.perHour) }
      }
      if (typeof outcome === 'number') {
        return { sent: 0, nextAt: outcome }
      }
      // 'settled': a refusal recorded without a send; the pace is untouched, try the next one.
    }
    return { sent: 0, nextAt: now }
  }

  /** The next step to take, the time the next follow-up is due, or 'done'. */
  private nextWork(campaign: CampaignRecord, now: number): Work | number | 'done' {
    const recipients = this.domain.store.outreach.recipients(campaign.id)
    let dueAt: number | null = null
    for (const r of recipients) {
      if (r.inFlight) {
        return { recipient: r, step: r.inFlight.step, resume: true }
      }
    }
    if (campaign.cursor < recipients.length) {
      return { recipient: recipients[campaign.cursor], step: 0, resume: false }
    }
    if (campaign.followUps.length > 0) {
      for (const r of recipients) {
        if (!awaitingFollowUp(campaign, r) || !r.lastSentAt) {
          continue
        }
        const due = Date.parse(r.lastSentAt) + campaign.followUps[r.step].afterDays * DAY
        if (due <= now) {
          return { recipient: r, step: r.step + 1, resume: false }
        }
        dueAt = dueAt === null ? due : Math.min(dueAt, due)
      }
    }
    return dueAt ?? 'done'
  }

  /** Plans, persists and sends one step: 'sent', 'settled' (recorded without a send), or a time to wait for. */
  private async runStep(campaign: CampaignRecord, sender: Account, work: Work): Promise<'sent' | 'settled' | number> {
    const { store } = this.domain
    const { recipient: r, step } = work
    const creator = knownAccount(this.domain, r.accountId)
    const templateId = step === 0 ? campaign.templateId : campaign.followUps[step - 1].templateId
    const template = store.outreach.template(templateId)
    const base = { type: 'campaign.outcome' as const, campaignId: campaign.id, recipientId: r.accountId, step }
    if (!template) {
      await store.commit([{ ...base, status: step === 0 ? 'failed' : 'ended', code: 'NOT_FOUND', reason: "The campaign's template was deleted." }]).durable
      return 'settled'
    }
    const filled = fillTemplate(template.text, creator)
    if (!filled.ok) {
      await store.commit([{ ...base, status: step === 0 ? 'failed' : 'ended', code: filled.code, reason: filled.message }]).durable
      return 'settled'
    }
    const now = store.clock()
    const options = { followFirst: campaign.followFirst, includeContacted: true, policy: marginPolicy(this.domain.policy) }
    const plan: Plan =
      step === 0 && !work.resume
        ? planFirstMessage(this.domain, sender, creator, template.text, now, { ...options, includeContacted: campaign.includeContacted })
        : planMessage(this.domain, sender, creator, template.text, now, options)
    if (!plan.ok && !work.resume) {
      // A full window (less the margin) waits; anything else is this recipient's outcome.
      if (plan.curable) {
        return Date.parse(plan.retryAt ?? '') || now.getTime() + 60_000
      }
      await store.commit([{ ...base, status: step === 0 ? 'failed' : 'ended', code: plan.code, reason: plan.message }]).durable
      return 'settled'
    }
    const clientId = stepClientId(campaign.id, r.accountId, step)
    if (!work.resume) {
      await store.commit([{ type: 'campaign.step', campaignId: campaign.id, recipientId: r.accountId, step, clientId }]).durable
      crashPoint('campaign:step-persisted')
    }
    try {
      if (campaign.followFirst && step === 0) {
        await follow(this.domain, sender.id, creator.id)
      }
      // A resend of a persisted step that went out before the crash is answered by R18 with
      // the original message, whatever the text is now.
      const result = await sendMessage(this.domain, sender.id, { to: creator.id, text: filled.text, clientId })
      crashPoint('campaign:sent')
      // Not awaited: the send is already durable, and if this record is lost in a crash the
      // step is still in flight and its resend is answered by R18. The next commit waits for it.
      store
        .commit([
          {
            ...base,
            status: result.delivery === 'request' ? 'sent_request' : 'sent_direct',
            sentAt: result.message.sentAt,
            conversation: result.conversationId,
          },
        ])
        .durable.catch(() => undefined)
      return 'sent'
    } catch (error) {
      if (!(error instanceof DomainError)) {
        throw error
      }
      // Only a resend after a long stop can meet a full window: keep the step and its clientId, wait.
      if (WAIT_CODES.has(error.code)) {
        return Date.parse(String(error.extra.retryAt)) || now.getTime() + 60_000
      }
      await store.commit([{ ...base, status: step === 0 ? 'failed' : 'ended', code: error.code, reason: error.message }]).durable
      return 'settled'
    }
  }
}
