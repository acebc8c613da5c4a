// The workspace calls the API as the signed-in person: the session cookie goes with every request
// (the server holds the tokens), and every change carries the session's CSRF token. Errors arrive as
// problem details (RFC 9457) and are thrown as ApiProblem, with the fields they name.

export interface FieldError {
  in: string;
  /** Dotted, e.g. coordinator.email */
  field: string;
  pointer: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  reason?: string;
  errors?: FieldError[];
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => void (csrfToken = token);

export interface Answer<T> {
  body: T;
  status: number;
  etag: string | null;
  location: string | null;
}

export async function call<T>(method: string, path: string, options: { body?: unknown; ifMatch?: string; idempotencyKey?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  if (response.status === 401) {
    // The session ended (idle, signed out elsewhere): sign in again and come back here.
    window.location.assign(signInUrl());
    throw new ApiProblem({ type: '/problems/unauthenticated', title: 'Authentication required', status: 401 });
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiProblem({ status: response.status, title: response.statusText, type: 'about:blank', ...(body as Partial<Problem>) });
  return { body: body as T, status: response.status, etag: response.headers.get('etag'), location: response.headers.get('location') };
}

export const get = <T>(path: string) => call<T>('GET', path).then((a) => a.body);

export const signInUrl = () => `/auth/sign-in?returnTo=${encodeURIComponent(window.location.pathname + window.location.search)}`;

export interface Session {
  name: string;
  role: 'ADMINISTRATOR' | 'CASE_OFFICER' | 'LEGAL_REVIEWER' | 'ORGANISATION_REPRESENTATIVE' | 'AUDITOR';
  organisationId: string | null;
  csrfToken: string;
  expiresAt: string;
}

/** Who is signed in, or null: from the page itself when the server put it there, otherwise asked. */
export async function loadSession(): Promise<Session | null> {
  const given = document.querySelector<HTMLMetaElement>('meta[name="iop-session"]')?.content;
  if (given) {
    const session = JSON.parse(given) as Session;
    setCsrfToken(session.csrfToken);
    return session;
  }
  const response = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`session: ${response.status}`);
  const session = (await response.json()) as Session;
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  const response = await fetch('/auth/sign-out', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken, accept: 'application/json' } });
  const { signOutUrl } = (await response.json()) as { signOutUrl: string };
  window.location.assign(signOutUrl);
}
