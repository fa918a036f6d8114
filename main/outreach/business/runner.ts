// Sends the auto-messages a business's home has planned, one at a time, through the same
// send command and rules as a person's send. Each outcome is persisted; a refusal (a block,
// a cap) is final and shown in the business's activity, never retried. A plan left without
// an outcome by a crash is sent at the next start with the same client id, so R18 turns a
// send that had already happened into a no-op.
import { businessStatus } from '@shared/business/rules'
import type { Domain } from '../../domain/domain'
import { DomainError } from '../../domain/errors'
import { sendMessage } from '../../domain/messaging'
import type { Logger } from '../../lib/logger'
import type { AutoOutcome, LogEvent, PlannedAuto } from '../../store'

export class AutoMessenger {
  private queue: PlannedAuto[] = []
  private running: Promise<void> | null = null
  private stopped = false
  private unsubscribe: (() => void) | null = null
  private unsubscribeRecovered: (() => void) | null = null

  constructor(
    private readonly domain: Domain,
    private readonly logger: Logger,
  ) {}

  /** Sends what a previous run left unfinished, then whatever gets planned from now on. */
  start(): void {
    const { store } = this.domain
    this.unsubscribe = store.subscribe((events: LogEvent[]) => {
      for (const e of events) {
        if (e.type === 'auto.planned' && e.origin === store.nodeId) {
          this.enqueue(e.auto)
        }
      }
    })
    const resume = () => {
      for (const auto of store.business.unfinishedAutos()) {
        this.enqueue(auto)
      }
    }
    // What a disk fault left unsent goes out once the disk takes writes again.
    this.unsubscribeRecovered = store.onRecovered(resume)
    resume()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    this.unsubscribeRecovered?.()
    await this.running
  }

  /** Resolves once nothing is queued or being sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) {
      await this.running
    }
  }

  private enqueue(auto: PlannedAuto): void {
    if (this.stopped || this.queue.some((q) => q.id === auto.id)) {
      return
    }
    this.queue.push(auto)
    this.kick()
  }

  private kick(): void {
    if (this.running || this.stopped) {
      return
    }
    this.running = this.drain().finally(() => {
      this.running = null
      if (this.queue.length > 0) {
        this.kick()
      }
    })
  }

  private async drain(): Promise<void> {
    for (let auto = this.queue.shift(); auto && !this.stopped; auto = this.queue.shift()) {
      try {
        await this.send(auto)
      } catch (error) {
        // Not a rule's refusal (the disk, a bug): left unfinished, tried again when the store
        // recovers from a disk fault, or at the next start.
        this.logger.warn('an auto-message could not be sent', { auto: auto.id, error: String(error) })
      }
    }
  }

  private async send(auto: PlannedAuto): Promise<void> {
    const { store } = this.domain
    if (store.business.isAutoFinished(auto.id)) {
      return
    }
    // The setting may have changed since the decision: the tools act only while it is `everyone` (R5).
    const facts = store.business.autoMessageFacts(auto.businessId, auto.contactId)
    const status = facts ? businessStatus(facts.business, facts.whoCanMessageMe) : null
    if (!status?.active) {
      const off = status?.off ?? { code: 'NOT_FOUND', message: 'The business account is gone.' }
      return this.finish(auto, { status: 'skipped', code: off.code, message: off.message })
    }
    let outcome: AutoOutcome
    try {
      const result = await sendMessage(this.domain, auto.businessId, { to: auto.contactId, text: auto.text, clientId: auto.clientId }, { auto: auto.kind })
      outcome = { status: 'sent', messageId: result.message.id }
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) {
        throw error
      }
      outcome = { status: 'refused', code: error.code, message: error.message }
    }
    await this.finish(auto, outcome)
  }

  private async finish(auto: PlannedAuto, outcome: AutoOutcome): Promise<void> {
    if (outcome.status !== 'sent') {
      this.logger.info('an auto-message was not sent', { auto: auto.id, code: outcome.code })
    }
    await this.domain.store.commit([{ type: 'auto.finished', autoId: auto.id, outcome }]).durable
  }
}
