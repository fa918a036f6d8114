// The sentence a person reads when a node cannot start: on stderr for `npm run serve`, in
// the desktop app's error dialog. A damaged store file is named (and said to be untouched);
// a data folder the disk will not write to says why and what to do.
import { diskFaultReason, errnoOf, isDiskFault, StoreCorruptError } from '../store/log'

export function startFailureMessage(error: unknown, dataDir?: string): string {
  if (error instanceof StoreCorruptError) {
    return `${error.message} Nothing in the data folder was changed.`
  }
  if (isDiskFault(error)) {
    const folder = dataDir ? ` ${dataDir}` : ''
    const detail = error instanceof Error ? ` (${error.message})` : ''
    return `Envelope cannot use its data folder${folder}: ${diskFaultReason(errnoOf(error))}${detail}. Free some space or let Envelope write there, then start it again.`
  }
  return error instanceof Error ? error.message : String(error)
}
