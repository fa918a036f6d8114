// Projections restored from checkpoints written before version 4 (message times as Float64
// columns, cap windows as number arrays), brought to today's form: the checkpoint's reader
// calls this, so an existing data folder starts from its checkpoint as before.
import type { MessageRefs } from './message-refs'
import { refsFromVersion3 } from './message-refs'
import type { StoreState } from './state'
import type { TimeList } from './time-list'
import { timeListOf } from './time-list'

/** Version 4: message times in 32-bit columns with eras; send times in TimeLists. */
export const STATE_VERSION = 4

type Version3Refs = Parameters<typeof refsFromVersion3>[0]

/** `state` as decoded from a checkpoint of `version`, in place. */
export function upgradeState(state: StoreState, version: number): StoreState {
  if (version >= STATE_VERSION) {
    return state
  }
  for (const conv of state.conversations.values()) {
    const refs = conv.refs as MessageRefs | Version3Refs
    if (refs.times instanceof Float64Array) {
      conv.refs = refsFromVersion3(refs as Version3Refs)
    }
  }
  for (const map of [state.sendTimes, state.newConversationTimes] as Map<string, TimeList | number[]>[]) {
    for (const [account, times] of map) {
      if (Array.isArray(times)) {
        map.set(account, timeListOf(times))
      }
    }
  }
  return state
}
