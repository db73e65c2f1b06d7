import type { Problem } from '@custodian/contracts';

/** A failed API call, carrying the server's problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field errors keyed by the last segment of their path (body.newPassword → newPassword). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) {
      const key = e.path.split('.').pop() ?? e.path;
      out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
    }
    return out;
  }
}

type Body = { json: unknown } | { raw: Blob | ArrayBuffer | string; type: string } | undefined;

export async function api<T>(path: string, opts: { method?: string; body?: Body; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  // The server refuses state changes without this header: a page on another site cannot send it (CSRF).
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'x-custodian-csrf': '1', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body && 'json' in opts.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body.json);
  } else if (opts.body) {
    headers['content-type'] = opts.body.type;
    body = opts.body.raw;
  }
  let res: Response;
  try {
    res = await fetch(path, { method: opts.method ?? 'GET', headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, null, 'The server cannot be reached. Check the connection and try again.');
  }
  if (res.status === 204) return null as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const problem = data && typeof data === 'object' && 'title' in data ? (data as Problem) : null;
    throw new ApiError(res.status, problem, `${res.status} ${res.statusText}`);
  }
  return data as T;
}

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
