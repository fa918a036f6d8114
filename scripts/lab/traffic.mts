// Scripted people for `npm run lab -- --traffic RATE`: every node's accounts act through the
// public API, RATE actions a second per node. Brands write to the shared creators, creators
// answer (accept, reply), strangers send requests to brands on other nodes, friends on
// different nodes chat, and now and then someone blocks or mutes. Refusals by the rules are
// normal outcomes and counted by code.
import { ApiError } from '../../shared/api/client.ts'
import type { AccountView } from '@shared/types'
import type { LabNode } from './lab-node.mjs'

interface Person {
  node: LabNode
  account: AccountView
}

const LINES = ['Hi! Loved your last post.', 'Open to a collab next month?', 'Sounds great, tell me more.', 'Sending the brief now.', 'Thanks, talk soon!', 'Coffee on Friday?', 'Did you see the new video?', 'Haha, yes!']

export class Traffic {
  readonly counts = new Map<string, number>()
  private timer: NodeJS.Timeout | null = null
  private inFlight = new Set<Promise<void>>()
  private seq = 0
  private brands: Person[] = []
  private friends: Person[] = []
  private creators: Person[] = []

  constructor(
    private readonly nodes: LabNode[],
    private readonly rate: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Learns who lives where, makes friends follow each other across nodes, and starts acting. */
  async start(): Promise<void> {
    for (const node of this.nodes) {
      const { accounts } = await node.client.listAccounts(true)
      for (const account of accounts) {
        const person = { node, account }
        if (account.directoryOnly) {
          this.creators.push(person)
        } else if (account.kind === 'business') {
          this.brands.push(person)
        } else if (account.birthDate !== undefined && account.birthDate < '2005-01-01') {
          this.friends.push(person)
        }
      }
    }
    this.creators = this.creators.slice(0, 40) // a few dozen creators keep conversations going
    for (const a of this.friends) {
      for (const b of this.friends) {
        if (a !== b) {
          await this.act('follow', () => a.node.client.follow(a.account.id, b.account.id))
        }
      }
    }
    const everyMs = Math.max(5, Math.round(1000 / (this.rate * this.nodes.length)))
    this.timer = setInterval(() => {
      if (this.inFlight.size > 20 * this.nodes.length) {
        return
      } // a slow machine: do not pile up
      const job = this.step().finally(() => this.inFlight.delete(job))
      this.inFlight.add(job)
    }, everyMs)
  }

  /** Stops acting and waits for the actions under way. */
  async stop(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer)
    }
    this.timer = null
    await Promise.all([...this.inFlight])
  }

  summary(): string {
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0)
    const parts = [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`)
    return `${total} actions: ${parts.join(', ')}`
  }

  private pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[Math.floor(this.random() * list.length)]
  }

  private line(): string {
    return this.pick(LINES)!
  }

  private count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1)
  }

  /** One action; a refusal by the rules counts under its code, a node that is down as "unreachable". */
  private async act(what: string, call: () => Promise<unknown>): Promise<void> {
    if (this.timer === null && what !== 'follow') {
      return
    }
    try {
      await call()
      this.count(what)
    } catch (error) {
      this.count(error instanceof ApiError ? `refused ${error.code}` : 'unreachable')
    }
  }

  private send(from: Person, to: Person): Promise<void> {
    return this.act('sent', () => from.node.client.send(from.account.id, { to: to.account.id, text: this.line(), clientId: `lab-${process.pid}-${++this.seq}` }))
  }

  private async step(): Promise<void> {
    const roll = this.random()
    if (roll < 0.3) {
      // Outreach: a brand writes to a creator (a request first, then a thread).
      const brand = this.pick(this.brands)
      const creator = this.pick(this.creators)
      if (brand && creator) {
        await this.send(brand, creator)
      }
    } else if (roll < 0.5) {
      await this.creatorAnswers()
    } else if (roll < 0.65) {
      // A stranger: someone writes to a brand on another node.
      const from = this.pick(this.friends)
      const brand = this.pick(this.brands.filter((b) => b.node !== from?.node))
      if (from && brand) {
        await this.send(from, brand)
      }
    } else if (roll < 0.93) {
      // Friends on different nodes chat.
      const a = this.pick(this.friends)
      const b = this.pick(this.friends.filter((f) => f.node !== a?.node))
      if (a && b) {
        await this.send(a, b)
      }
    } else if (roll < 0.97) {
      await this.muteSomething()
    } else {
      await this.blockSomeone()
    }
  }

  private async creatorAnswers(): Promise<void> {
    const creator = this.pick(this.creators)
    if (!creator) {
      return
    }
    const { client } = creator.node
    const requests = (await client.conversations(creator.account.id, 'requests').catch(() => null))?.conversations ?? []
    const request = this.pick(requests)
    if (request) {
      await this.act('accepted', () => client.acceptRequest(creator.account.id, request.id))
      await this.act('sent', () => client.send(creator.account.id, { to: request.with.id, text: 'Thanks for reaching out!', clientId: `lab-${process.pid}-${++this.seq}` }))
      return
    }
    const inbox = (await client.conversations(creator.account.id, 'inbox').catch(() => null))?.conversations ?? []
    const thread = this.pick(inbox)
    if (thread) {
      await this.act('sent', () => client.send(creator.account.id, { to: thread.with.id, text: this.line(), clientId: `lab-${process.pid}-${++this.seq}` }))
    }
  }

  private async muteSomething(): Promise<void> {
    const who = this.pick([...this.friends, ...this.brands])
    if (!who) {
      return
    }
    const inbox = (await who.node.client.conversations(who.account.id).catch(() => null))?.conversations ?? []
    const thread = this.pick(inbox)
    if (thread) {
      await this.act('muted', () => who.node.client.mute(who.account.id, thread.id, { muted: !thread.muted }))
    }
  }

  private async blockSomeone(): Promise<void> {
    // A creator tired of one request blocks its sender.
    const creator = this.pick(this.creators)
    if (!creator) {
      return
    }
    const requests = (await creator.node.client.conversations(creator.account.id, 'requests').catch(() => null))?.conversations ?? []
    const request = this.pick(requests)
    if (request) {
      await this.act('blocked', () => creator.node.client.block(creator.account.id, request.with.id))
    }
  }
}
