/**
 * One place that decides when nock is active. nock 15 intercepts global `fetch`, and while it is active every
 * `fetch` that carries a body to an allowed host (our loopback servers) fails on Node 20 with
 * `TypeError: unusable` (nock/nock#2841). So nock stays off for the suite, and the specs that mock the Graph
 * API turn it on for their own `describe` block with `useNock()`, with every real connection refused but loopback.
 */
import nock from 'nock';

if (nock.isActive()) nock.restore();

/** Activates nock (network disabled except loopback) for the enclosing `describe`, and restores it afterwards. */
export function useNock(): void {
  before(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
  });
  afterEach(() => {
    nock.cleanAll();
  });
  after(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  });
}
