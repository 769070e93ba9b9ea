// REST + WebSocket client. Tokens live in sessionStorage (never in URLs except the /ws upgrade).
export type Role = "admin" | "trader" | "viewer";
export interface Session {
  user: string;
  role: Role;
  access: string;
  refresh: string;
}

const KEY = "zerodte.session";

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}
export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? res.statusText);
  return body;
}

export async function login(user: string, password: string): Promise<Session> {
  const res = await fetch("/api/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user, password }),
  });
  const b = (await parse(res)) as { access_token: string; refresh_token: string; role: Role; user: string };
  return { user: b.user, role: b.role, access: b.access_token, refresh: b.refresh_token };
}

export class Api {
  constructor(public session: Session, private onLogout: () => void) {}

  private async refresh(): Promise<boolean> {
    const res = await fetch("/api/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: this.session.refresh }),
    });
    if (!res.ok) return false;
    const b = (await res.json()) as { access_token: string; refresh_token: string };
    this.session = { ...this.session, access: b.access_token, refresh: b.refresh_token };
    saveSession(this.session);
    return true;
  }

  async request<T>(method: string, path: string, body?: unknown, retry = true): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${this.session.access}`,
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (res.status === 401 && retry) {
      if (await this.refresh()) return this.request<T>(method, path, body, false);
      this.onLogout();
    }
    return (await parse(res)) as T;
  }
  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }
  control(action: string, args?: Record<string, unknown>, confirm?: unknown): Promise<unknown> {
    return this.request("POST", "/api/control", { action, ...(args ? { args } : {}), ...(confirm !== undefined ? { confirm } : {}) });
  }
}

export interface StreamEvent {
  seq: number;
  type: string;
  symbol?: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// Reconnecting stream; resumes after the last sequence seen.
export class Stream {
  private ws: WebSocket | null = null;
  private lastSeq = 0;
  private closed = false;
  constructor(
    private token: () => string,
    private symbols: string[],
    private onEvent: (e: StreamEvent) => void,
    private onState: (connected: boolean) => void,
  ) {
    this.open();
  }
  private open(): void {
    const proto = location.protocol === "https:" ? "wss" : "ws";
    const q = new URLSearchParams({ token: this.token(), symbols: this.symbols.join(",") });
    if (this.lastSeq > 0) q.set("since", String(this.lastSeq));
    const ws = new WebSocket(`${proto}://${location.host}/ws?${q.toString()}`);
    this.ws = ws;
    ws.onopen = () => this.onState(true);
    ws.onmessage = (m) => {
      const e = JSON.parse(m.data as string) as StreamEvent & { type: string };
      if (e.type === "hello") {
        if (this.lastSeq === 0) this.lastSeq = e.seq;
        return;
      }
      if (e.seq <= this.lastSeq) return;
      this.lastSeq = e.seq;
      this.onEvent(e);
    };
    ws.onclose = () => {
      this.onState(false);
      if (!this.closed) setTimeout(() => this.open(), 1000);
    };
  }
  close(): void {
    this.closed = true;
    this.ws?.close();
  }
}
