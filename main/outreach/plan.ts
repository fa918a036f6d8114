// What a campaign step would do for one recipient: fill the template, then ask the same send
// rules a person's send meets (docs/RULES.md). Uncurable refusals are skips; full caps wait.
import type { Policy } from '@shared/policy'
import { fillTemplate } from '@shared/outreach/template'
import { decideSend } from '@shared/rules'
import type { Account, Delivery } from '@shared/types'
import type { Domain } from '../domain/domain'
import { sendContext } from '../domain/send-context'

export type Plan =
  | { ok: true; text: string; delivery: Delivery; newConversation: boolean }
  | { ok: false; code: string; message: string; curable: boolean; retryAt?: string }

/** Waiting cures these (R12, R13): the recipient stays queued. */
export const WAIT_CODES: ReadonlySet<string> = new Set(['RATE_LIMITED', 'DAILY_CAP'])

export interface PlanOptions {
  followFirst: boolean
  includeContacted: boolean
  /** Caps to check against; the scheduler passes the caps less its margin. */
  policy?: Policy
}

/** A message from `sender` to `recipient` with `templateText`, as the rules would take it at `now`. */
export function planMessage(domain: Domain, sender: Account, recipient: Account, templateText: string, now: Date, options: PlanOptions): Plan {
  const filled = fillTemplate(templateText, recipient)
  if (!filled.ok) {
    return { ok: false, code: filled.code, message: filled.message, curable: false }
  }
  const ctx = sendContext(domain.store, sender, recipient, now, domain.policy)
  // Following first (R6) is done just before the send, so judge the send as if it were done.
  const decision = decideSend(
    { ...ctx, policy: options.policy ?? ctx.policy, senderFollowsRecipient: ctx.senderFollowsRecipient || (options.followFirst && !ctx.blocked) },
    filled.text,
  )
  if (!decision.ok) {
    return { ok: false, code: decision.code, message: decision.message, curable: WAIT_CODES.has(decision.code), retryAt: decision.retryAt }
  }
  return { ok: true, text: decision.text, delivery: decision.delivery, newConversation: decision.newConversation }
}

/** The first message of a campaign: also skips a creator this account has already contacted. */
export function planFirstMessage(domain: Domain, sender: Account, recipient: Account, templateText: string, now: Date, options: PlanOptions): Plan {
  if (!options.includeContacted && domain.store.outreach.alreadyContacted(sender.id, recipient.id)) {
    return { ok: false, code: 'ALREADY_CONTACTED', message: `@${recipient.handle} was already contacted from this account, so the campaign leaves them out.`, curable: false }
  }
  return planMessage(domain, sender, recipient, templateText, now, options)
}
