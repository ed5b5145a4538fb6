/** Thrown when the server cannot be reached at all (exit code 5). */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    cause: string,
  ) {
    super(`cannot reach the Firedrill server at ${url}: ${cause}`);
  }
}

/** A problem+json answer from the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path?: string; line?: number; column?: number; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Minimal client for the Firedrill REST API used by the CLI. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const url = this.baseUrl.replace(/\/$/, '') + path;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new UnreachableError(this.baseUrl, cause?.code ?? cause?.message ?? (error as Error).message);
    }
    const text = await res.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const p = (parsed ?? {}) as { code?: string; detail?: string; errors?: ApiError['errors'] };
      throw new ApiError(res.status, p.code ?? `http_${res.status}`, p.detail ?? (text || res.statusText), p.errors ?? []);
    }
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
