// Where the renderer lives and what it may load: the desktop shell serves it from app://envelope,
// the headless node serves it over HTTP, and both send the same Content-Security-Policy.
// Pure constants (shared/ runs anywhere): main/electron, main/server and tests import them.

export const APP_SCHEME = 'app'
export const APP_HOST = 'envelope'
/** The desktop renderer's origin; the node's CORS and Origin checks accept it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** The one CSP of the app's pages, whoever serves them (Electron's checklist: script-src 'self'). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue's scoped styles and style bindings inject inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // The desktop renderer (app://) reaches its node over loopback HTTP + SSE on a random port;
  // in a browser the node is the page's own origin ('self').
  "connect-src 'self' http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')
