// Runs one generated sequence against real nodes (one, or two paired with people homed on
// both) and the reference model side by side: outcomes and codes must agree where the model
// predicts, and the invariants hold everywhere (nothing delivered across a block, no cap
// exceeded, no second message in a pending request, delete-for-me never touches the other
// side, no "seen" for an EU account, a muted conversation still counts unread).
import { expect } from 'vitest'
import { ApiError } from '@shared/api'
import type { EnvelopeClient } from '@shared/api'
import type { AccountView, Message } from '@shared/types'
import { conversationIdFor } from '../../../main/store/state'
import type { TestClock } from '../../api/support'
import { birthDateFor } from './actions'
import type { Action, Profile } from './actions'
import { CAPS, DAY, Model } from './reference'

export interface World {
  clock: TestClock
  /** The client of the node person i's account is homed on. */
  home(i: number): EnvelopeClient
  /** Waits until every node holds every other node's events (a no-op for one node). */
  settle(): Promise<void>
}

/** How many outcomes the model predicted and saw agreed, by outcome: proof the comparison ran. */
export const agreed = new Map<string, number>()

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string }

async function outcome<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call }
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      return { ok: false, code: error.code }
    }
    throw error
  }
}

const count = (what: string) => agreed.set(what, (agreed.get(what) ?? 0) + 1)

/** The viewer's messages in a conversation ([] when the viewer has none). */
async function thread(client: EnvelopeClient, viewer: string, conversationId: string): Promise<Message[]> {
  const res = await outcome(client.messages(viewer, conversationId, { limit: 100 }))
  return res.ok ? res.value.messages : []
}

let clientIds = 0

export async function runSequence(world: World, people: Profile[], actions: Action[]): Promise<void> {
  const accounts: AccountView[] = []
  const createdAt = world.clock.peek().getTime()
  const persons = people.map((p) => ({ birthDate: birthDateFor(p.age, createdAt), region: p.region }))
  for (const [i, p] of persons.entries()) {
    const { account } = await world.home(i).createAccount({
      handle: `m${process.pid % 1000}_${Date.now() % 1e6}_${i}_${clientIds++}`,
      displayName: `Person ${i}`,
      birthDate: p.birthDate,
      phone: '+14155550123',
      region: p.region,
      kind: 'personal',
    })
    accounts.push(account)
  }
  await world.settle()
  const model = new Model(persons, createdAt)
  /** "s>r": the last message s delivered to r. */
  const lastMessage = new Map<string, string>()
  const id = (i: number) => accounts[i].id
  const now = () => world.clock.peek().getTime()
  const capsUnsure = new Set<number>()

  for (const a of actions.flatMap((x) => Array<Action>(('times' in x && x.times) || 1).fill(x))) {
    if (a.kind === 'clock') {
      world.clock.advance(a.ms)
      continue
    }
    if (a.kind === 'audience' || a.kind === 'receipts') {
      const change = a.kind === 'audience' ? { audience: a.audience } : { receipts: a.on }
      const refusal = model.settingRefusal(a.who, change, now())
      const res = await outcome(world.home(a.who).patchSettings(id(a.who), a.kind === 'audience' ? { whoCanMessageMe: a.audience } : { readReceipts: a.on }))
      expect(res.ok ? null : res.code, `${a.kind} of person ${a.who} (${JSON.stringify(persons[a.who])})`).toBe(refusal)
      count(refusal ?? `${a.kind} allowed`)
      if (res.ok && a.kind === 'audience') {
        model.audience[a.who] = a.audience
      } else if (res.ok && a.kind === 'receipts') {
        model.receipts[a.who] = a.on
      }
      await world.settle()
      continue
    }
    const { from: s, to: r } = a
    const k = model.key(s, r)
    const cid = conversationIdFor(id(s), id(r))
    const mine = world.home(s)
    switch (a.kind) {
      case 'follow': {
        const res = await outcome(mine.follow(id(s), id(r)))
        // R11: the blocked cannot follow the blocker (and a block stops follows both ways).
        expect(res.ok ? null : res.code, `follow ${k}`).toBe(model.blockedEither(s, r) ? 'BLOCKED' : null)
        if (res.ok) {
          model.follows.add(k)
        }
        break
      }
      case 'unfollow':
        await outcome(mine.unfollow(id(s), id(r)))
        model.follows.delete(k)
        break
      case 'block':
        expect((await outcome(mine.block(id(s), id(r)))).ok).toBe(true)
        model.blocked(s, r)
        break
      case 'unblock':
        await outcome(mine.unblock(id(s), id(r)))
        model.blocks.delete(k)
        break
      case 'send': {
        const at = now()
        const sure = !model.unsure.has(model.pairKey(s, r))
        let expected = model.expectedSend(s, r, at)
        if (expected && 'delivery' in expected && capsUnsure.has(s)) {
          expected = null // an earlier send the model could not predict may have counted against a cap
        }
        const pendingBefore = sure && model.pendingRequest(s, r)
        const res = await outcome(mine.send(id(s), { to: id(r), text: `model ${k}`, clientId: `m-${process.pid}-${clientIds++}` }))
        await world.settle()
        let result: { delivery: 'direct' | 'request' } | { code: string } = res.ok ? { delivery: 'direct' } : { code: res.code }
        if (res.ok) {
          // Across nodes a send may answer "pending"; once settled its verdict is known.
          const stored =
            res.value.delivery === 'pending' ? (await thread(mine, id(s), res.value.conversationId)).find((m) => m.id === res.value.message.id) : res.value.message
          const delivery = stored?.delivery ?? res.value.delivery
          result = delivery === 'refused' ? { code: stored?.refused?.code ?? 'REFUSED' } : { delivery: delivery as 'direct' | 'request' }
        }
        if (expected) {
          const { newConversation: _n, ...shape } = expected
          expect(result, `send ${k} (${JSON.stringify(persons[s])} to ${JSON.stringify(persons[r])})`).toEqual(shape)
          count('code' in shape ? shape.code : shape.delivery)
        }
        if ('delivery' in result) {
          // Invariants whatever the model predicts.
          expect(model.blockedEither(s, r), `delivered across a block ${k}`).toBe(false)
          expect(pendingBefore, `second message in a pending request ${k}`).toBe(false)
          if (!expected) {
            capsUnsure.add(s)
          }
          model.delivered(s, r, result.delivery, expected?.newConversation ?? true, at)
          expect(model.sent[s].filter((t) => t > at - DAY).length, `daily cap of person ${s}`).toBeLessThanOrEqual(CAPS.messagesPerDay)
          lastMessage.set(k, res.ok ? res.value.message.id : '')
          if (model.mutedNow(r, s, now())) {
            // R16: muted, and still counting unread.
            const { conversation } = await world.home(r).conversation(id(r), cid)
            expect([conversation.muted, conversation.unread > 0], `muted conversation ${r}>${s} after a send`).toEqual([true, true])
            count('muted, unread counted')
          }
        }
        break
      }
      case 'accept':
      case 'deleteRequest': {
        // s answers r's request to s.
        const sure = !model.unsure.has(model.pairKey(s, r))
        const pending = model.pendingRequest(r, s)
        const res = await outcome<unknown>(a.kind === 'accept' ? mine.acceptRequest(id(s), cid) : mine.deleteRequest(id(s), cid))
        // A pending request is answered; with no conversation at all there is nothing to answer.
        // (Answering an already open one again may be a no-op: not predicted.)
        if (sure && pending) {
          expect(res.ok, `${a.kind} ${k} of a pending request`).toBe(true)
          count(`${a.kind} done`)
        } else if (sure && !model.conversation(s, r)) {
          expect(res.ok, `${a.kind} ${k} with no conversation`).toBe(false)
          count(`${a.kind} refused`)
        }
        if (res.ok && sure && pending) {
          if (a.kind === 'accept') {
            model.accepted(s, r)
          } else {
            model.declined(s, r, now())
          }
        }
        break
      }
      case 'hide': {
        // s deletes for itself the last message r delivered to it: r still has it (R17).
        const mid = lastMessage.get(model.key(r, s))
        if (!mid) {
          break
        }
        expect((await outcome(mine.hideMessage(id(s), mid))).ok).toBe(true)
        await world.settle()
        expect(
          (await thread(mine, id(s), cid)).map((m) => m.id),
          'delete-for-me left it with the one who deleted it',
        ).not.toContain(mid)
        expect(
          (await thread(world.home(r), id(r), cid)).map((m) => m.id),
          'delete-for-me touched the other side',
        ).toContain(mid)
        count('delete-for-me')
        break
      }
      case 'read': {
        // s reads r's last message to it; r sees "seen" only if both have receipts on (R15).
        const mid = lastMessage.get(model.key(r, s))
        const c = model.conversation(s, r)
        if (!mid || c?.status !== 'open' || model.unsure.has(model.pairKey(s, r))) {
          break
        }
        expect((await outcome(mine.markRead(id(s), cid))).ok, `read ${k}`).toBe(true)
        await world.settle()
        const message = (await thread(world.home(r), id(r), cid)).find((m) => m.id === mid)
        const seen = message?.seen === true
        if (seen) {
          expect([model.isEu(s), model.isEu(r)], 'seen shown for an EU account').toEqual([false, false])
        }
        expect(seen, `seen after ${k} read (receipts ${model.receiptsOn(s)}, ${model.receiptsOn(r)})`).toBe(model.receiptsOn(s) && model.receiptsOn(r))
        count(seen ? 'seen' : 'not seen')
        break
      }
      case 'mute':
      case 'unmute': {
        const until = a.kind === 'mute' && a.muteFor ? new Date(now() + a.muteFor + 60_000).toISOString() : null
        const res = await outcome(mine.mute(id(s), cid, { muted: a.kind === 'mute', until }))
        if (!res.ok) {
          break // no conversation to mute from s's side
        }
        model.muted.set(k, a.kind === 'unmute' ? 0 : until ? Date.parse(until) : Infinity)
        break
      }
    }
  }
  // R16 over time: every mute the model holds has the state its end time says, clock jumps included.
  for (const [k, until] of model.muted) {
    const [s, r] = k.split('>').map(Number)
    const res = await outcome(world.home(s).conversation(id(s), conversationIdFor(id(s), id(r))))
    if (res.ok) {
      expect(res.value.conversation.muted, `mute ${k} until ${until} at ${now()}`).toBe(until > now())
      count(until > now() ? 'muted' : 'mute ended')
    }
  }
}
