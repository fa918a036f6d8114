// What the preload puts on `window` (see preload/index.ts), typed for the renderer.
// Optional: in an ordinary browser (npm run serve) there is no preload.
import type { EnvelopeBridge } from '@shared/ipc'

declare global {
  interface Window {
    envelope?: EnvelopeBridge
  }
}

export {}
