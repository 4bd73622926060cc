/** Shared settings of the benchmark processes, so the floor and the bot are configured alike. */

/** The app secret both servers check the X-Hub-Signature-256 header with. */
export const APP_SECRET = 'bench-app-secret';

/** The verify token of the GET handshake (unused by the load, required by the Bot). */
export const VERIFY_TOKEN = 'bench-verify-token';

/** The page access token both servers send replies with. */
export const ACCESS_TOKEN = 'bench-token';

/** The page id every benchmark webhook is addressed to. */
export const PAGE_ID = '100200300400500';

/** The Graph API version both servers call on the stub (the GraphClient's default). */
export const GRAPH_VERSION = 'v25.0';

/** How many replies each server may have in flight to the Graph API at once (the same cap for both). */
export const SEND_CONCURRENCY = 128;

/** How many received events each server may hold waiting for a reply slot before it pushes back. */
export const QUEUE_LIMIT = 200_000;

/**
 * How long the memory test idles before each reading (start and end alike), longer than the bot's
 * per-conversation idle window (the Bot forgets a conversation as soon as its queue empties); the readings then
 * repeat until RSS settles, as V8 shrinks its heap in steps while idle.
 */
export const IDLE_AFTER_MS = 3_000;

/** The path the webhook is served at (the floor accepts any path). */
export const WEBHOOK_PATH = '/webhook';
