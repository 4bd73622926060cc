/** The HTTP side of the emulated Graph API: parses calls, checks tokens, injects faults, routes, records. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { EmulatorConfig } from './defaults.js';
import { GraphFault, graphErrorBody, type GraphErrorSpec } from './errors.js';
import type { Faults } from './faults.js';
import type { IdFactory } from './ids.js';
import { describeFile, parseMultipart } from './multipart.js';
import type { RecordedRequest, UploadedFile } from './records.js';
import { route, type RouteResult } from './routes/index.js';
import { isRecord } from '../events/index.js';
import { appSecretProof } from '../graph/index.js';
import type { EmulatorState } from './state.js';
import { closeServer, listenOn, readBodyBytes } from '../webhook/index.js';

/** What the Graph server needs from the emulator around it. */
export interface GraphServerDeps {
  readonly config: EmulatorConfig;
  readonly state: EmulatorState;
  readonly ids: IdFactory;
  readonly clock: () => number;
  readonly faults: Faults;
  /** Called once per answered call, after the answer was written. */
  readonly record: (request: RecordedRequest, result: RouteResult | undefined) => void;
}

/** A running emulated Graph API. */
export interface GraphServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Stops listening, drops open connections and pending delays. */
  close(): Promise<void>;
}

/**
 * Largest body accepted (HTTP 413 beyond). Meta caps an uploaded attachment at 25 MB; 26 MiB leaves room for
 * a 25 MB `filedata` part plus the multipart framing and form fields. JSON and urlencoded bodies share the
 * limit: they are never near it, and one limit keeps the check in `readBody`, before the body is parsed.
 */
const MAX_BODY_BYTES = 26 * 1024 * 1024;
const SECRET_PARAMS = ['access_token', 'appsecret_proof', 'appsecret_time'];
const VERSION_RE = /^\/(v\d+(?:\.\d+)?)(?=\/|$)/;

interface Credentials {
  readonly token: string | undefined;
  readonly proof: string | undefined;
}

interface ParsedCall {
  readonly method: string;
  readonly path: string;
  readonly version: string | undefined;
  readonly segments: string[];
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly params: Record<string, unknown>;
  readonly files: Record<string, UploadedFile>;
  readonly credentials: Credentials;
}

/** A parsed body, and the file parts of a multipart one (described, never their bytes). */
interface ParsedBody {
  readonly body: unknown;
  readonly files: Record<string, UploadedFile>;
}

/** Reads the request body, or fails with Graph's 413 past {@link MAX_BODY_BYTES}. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return readBodyBytes(
    req,
    MAX_BODY_BYTES,
    () => new GraphFault(413, { code: 100, message: '(#100) Request body is too large' }),
  );
}

/** Form and query values that hold JSON (`recipient={"id":"1"}`) are decoded, as Graph does. */
function decodeValue(value: string): unknown {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** Multipart fields become a record like urlencoded ones; file parts are described (a later part wins). */
async function parseMultipartBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const values = new Map<string, string | UploadedFile>();
  for (const part of await parseMultipart(raw, contentType)) {
    values.set(part.name, part.kind === 'field' ? part.value : describeFile(part));
  }
  const files = [...values].filter((entry): entry is [string, UploadedFile] => typeof entry[1] !== 'string');
  return { body: Object.fromEntries(values), files: Object.fromEntries(files) };
}

async function parseBody(raw: Buffer, contentType: string): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: {} };
  if (contentType.toLowerCase().includes('multipart/form-data')) return parseMultipartBody(raw, contentType);
  return { body: parseTextBody(raw.toString('utf8'), contentType), files: {} };
}

function parseTextBody(text: string, contentType: string): unknown {
  const looksJson =
    contentType.includes('json') || (!contentType.includes('urlencoded') && /^\s*[[{]/.test(text));
  if (looksJson) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new GraphFault(400, { code: 100, message: '(#100) The request body is not valid JSON' });
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function bearer(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim());
  return m?.[1];
}

function withoutSecrets(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_PARAMS.includes(k)));
}

async function parseCall(req: IncomingMessage, raw: Buffer): Promise<ParsedCall> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const fullPath = url.pathname.replace(/\/+$/, '') || '/';
  const version = VERSION_RE.exec(fullPath)?.[1];
  const path = (version !== undefined ? fullPath.slice(version.length + 1) : fullPath) || '/';
  const segments = path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
  const { body, files } = await parseBody(raw, String(req.headers['content-type'] ?? ''));
  const bodyRecord = isRecord(body) ? body : {};
  const query: Record<string, string> = {};
  const params: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) {
    if (SECRET_PARAMS.includes(k)) continue;
    query[k] = v;
    params[k] = decodeValue(v);
  }
  for (const [k, v] of Object.entries(bodyRecord)) {
    if (!SECRET_PARAMS.includes(k)) params[k] = typeof v === 'string' ? decodeValue(v) : v;
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const credentials: Credentials = {
    token:
      str(url.searchParams.get('access_token')) ??
      str(bodyRecord['access_token']) ??
      bearer(req.headers.authorization),
    proof: str(url.searchParams.get('appsecret_proof')) ?? str(bodyRecord['appsecret_proof']),
  };
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path,
    version,
    segments,
    query,
    body: withoutSecrets(body),
    params,
    files,
    credentials,
  };
}

/** Checks the token and proof like Graph; answers the account `me` stands for. */
function authorize(credentials: Credentials, config: EmulatorConfig): string {
  const { token, proof } = credentials;
  if (token === undefined) {
    throw new GraphFault(400, {
      code: 190,
      message: 'An access token is required to request this resource.',
    });
  }
  let me = config.pageId;
  if (config.accessTokens !== undefined && token !== config.appAccessToken) {
    const account = config.accessTokens[token];
    if (account === undefined) {
      throw new GraphFault(400, {
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    }
    me = account;
  }
  if (proof === undefined) {
    if (config.requireAppSecretProof) {
      throw new GraphFault(400, {
        code: 100,
        type: 'GraphMethodException',
        message: 'API calls from the server require an appsecret_proof argument',
      });
    }
  } else if (proof !== appSecretProof(token, config.appSecret)) {
    throw new GraphFault(400, {
      code: 100,
      type: 'GraphMethodException',
      message: 'Invalid appsecret_proof provided in the API argument',
    });
  }
  return me;
}

/** Starts the emulated Graph API on `config.host:config.port`. */
export async function startGraphServer(deps: GraphServerDeps): Promise<GraphServer> {
  const { config, faults, ids } = deps;
  let sequence = 0;
  let closed = false;
  const sleeping = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const entry = {
            timer: setTimeout(() => {
              sleeping.delete(entry);
              resolve();
            }, ms),
            wake: () => resolve(),
          };
          sleeping.add(entry);
        });

  const answer = (res: ServerResponse, status: number, body: unknown, spec?: GraphErrorSpec): void => {
    const json = JSON.stringify(body);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(json),
      'x-fb-trace-id': ids.traceId(),
    };
    if (spec?.code === 190)
      headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${spec.message}"`;
    res.writeHead(status, headers);
    res.end(json);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const id = ++sequence;
    const receivedAt = Date.now();
    let call: ParsedCall | undefined;
    let status: number;
    let response: unknown;
    let result: RouteResult | undefined;
    let spec: GraphErrorSpec | undefined;
    let injected = false;
    let reset = false;
    let delayMs = 0;
    try {
      const raw = await readBody(req);
      call = await parseCall(req, raw);
      delayMs = faults.latencyFor(call.method, call.path);
      const failure = faults.take(call.method, call.path);
      if (failure !== undefined) {
        injected = true;
        reset = failure.reset;
        delayMs = failure.delayMs ?? delayMs;
        throw new GraphFault(failure.status, failure.error);
      }
      const meAccount = authorize(call.credentials, config);
      result = route(
        {
          id,
          method: call.method,
          path: call.path,
          segments: call.segments,
          params: call.params,
          files: call.files,
          meAccount,
        },
        { config, state: deps.state, ids, clock: deps.clock },
      );
      status = result.status ?? 200;
      response = result.body;
    } catch (error) {
      const fault =
        error instanceof GraphFault
          ? error
          : new GraphFault(500, { code: 1, message: 'An unknown error occurred', is_transient: true });
      spec = fault.spec;
      status = fault.status;
      response = graphErrorBody(fault.spec, ids.traceId());
    }
    await sleep(delayMs);
    if (closed) return;
    if (reset) {
      req.socket.destroy();
      status = 0;
    } else answer(res, status, response, spec);
    if (call === undefined) return;
    deps.record(
      {
        id,
        method: call.method,
        path: call.path,
        version: call.version,
        query: call.query,
        body: call.body,
        params: call.params,
        account: result?.account ?? accountGuess(call, config),
        hasAccessToken: call.credentials.token !== undefined,
        hasAppSecretProof: call.credentials.proof !== undefined,
        status,
        response: reset ? undefined : response,
        injected,
        receivedAt,
      },
      status >= 200 && status < 300 ? result : undefined,
    );
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  const { port } = await listenOn(server, config.port, config.host);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const entry of sleeping) {
        clearTimeout(entry.timer);
        entry.wake();
      }
      sleeping.clear();
      await closeServer(server, { force: true });
    },
  };
}

function accountGuess(call: ParsedCall, config: EmulatorConfig): string | undefined {
  const node = call.segments[0];
  if (node === undefined) return undefined;
  return node === 'me' ? config.pageId : node;
}
