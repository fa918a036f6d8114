// What the API client and the event stream share: the fetch to use, the API's base URL and
// the bearer header. Internal to shared/api (index.ts does not export it).

/** A bearer token, or a function giving the current one (sessions can change). */
export type TokenSource = string | (() => string | undefined)

/** The given fetch, or the global one looked up at call time (tests replace it). */
export function fetcherOf(custom: typeof fetch | undefined): typeof fetch {
  return custom ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
}

/** `http://host:port/` -> `http://host:port/api/v1`. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/v1`
}

/** Adds `Authorization: Bearer ...` when there is a token now. */
export function withBearer(headers: Record<string, string>, token: TokenSource | undefined): Record<string, string> {
  const t = typeof token === 'function' ? token() : token
  if (t) {
    headers.Authorization = `Bearer ${t}`
  }
  return headers
}
