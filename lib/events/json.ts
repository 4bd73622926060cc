/**
 * Values of unknown shape, such as parsed JSON: telling an object from the rest, and printing any value without
 * throwing. The one copy of each, shared by the decoder, the Botkit adapter, the emulator, the playground and the CLI.
 */

/**
 * True for a plain JSON-style object: not `null`, not an array. It reads no property, so a Proxy with throwing
 * traps or an object with throwing getters passes through without running them.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value as JSON text, and never an exception: `undefined`, functions, cycles, throwing getters and revoked
 * proxies fall back to a tag such as `[object Object]`, then to `[unreadable value]`.
 */
export function jsonOf(value: unknown): string {
  try {
    return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[unreadable value]';
    }
  }
}
