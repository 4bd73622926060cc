import type { CallOptions } from './types.js';

/** The `{from}/{edge}` path of an account's edge (default account `me`), with the id URL-encoded. */
export function accountPath(from: string | undefined, edge: string): string {
  return `${encodeURIComponent(from ?? 'me')}/${edge}`;
}

/** The per-call request fields every group passes through: a token override, an abort signal, and the account. */
export interface CallFields {
  accessToken?: string;
  signal?: AbortSignal;
  accountId?: string;
}

/**
 * Copies a call's token override and abort signal into request fields (leaving absent ones out, as
 * `exactOptionalPropertyTypes`-style requests want), plus the account whose token a resolver should pick.
 */
export function callFields(
  options: Pick<CallOptions, 'accessToken' | 'signal'>,
  accountId?: string,
): CallFields {
  return {
    ...(accountId === undefined ? {} : { accountId }),
    ...(options.accessToken === undefined ? {} : { accessToken: options.accessToken }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}
