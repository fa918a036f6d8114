// The production renderer is served from `app://envelope/` rather than file://, so the
// page has a real origin, file:// keeps no extra privileges, and only files under the
// built renderer folder can ever be read. Pure Node (fetch Request/Response + fs), so
// the whole handler is tested without Electron; protocol.ts only registers it.
import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from '@shared/app-origin'

const INDEX = 'index.html'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The absolute file an `app://envelope/...` URL names inside rootDir, or null when the
 * URL is foreign or tries to leave rootDir (../, encoded %2e%2e, backslashes, NUL,
 * absolute or drive-letter paths).
 */
export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) {
    return null
  }
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) {
    return null
  }
  let rel = path.replace(/^\//, '')
  if (rel === '' || rel.endsWith('/')) {
    rel += INDEX
  }
  const root = resolve(rootDir)
  const file = resolve(root, rel)
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return null
  }
  return file
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * Answers one request for the app scheme. Extension-less paths that are not files fall
 * back to index.html so a history-mode router survives a reload.
 */
export async function serveAppRequest(request: Request, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'Method not allowed')
  }
  let file = resolveAppPath(request.url, rootDir)
  if (file == null) {
    return plain(404, 'Not found')
  }
  if (!(await isFile(file))) {
    if (extname(file) !== '') {
      return plain(404, 'Not found')
    }
    file = resolve(rootDir, INDEX)
    if (!(await isFile(file))) {
      return plain(404, 'Not found')
    }
  }
  const body = request.method === 'HEAD' ? null : await readFile(file)
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': mimeTypeFor(file),
      // Set here, not only in webRequest.onHeadersReceived: Chromium does not run the
      // header hooks for custom-protocol responses (electron/electron#6021).
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  })
}
