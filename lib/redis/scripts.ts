/**
 * The Lua scripts of the Redis inbox. Each touches the keys of one partition only (one hash tag), so each runs
 * atomically on one node, Redis Cluster included. Every script a worker runs on a partition first checks the lease
 * token (fencing): a worker that lost its lease can neither read, acknowledge nor trim with it.
 */
import { LuaScript } from './client.js';
import { GROUP } from './keys.js';

const CREATE_GROUP = `redis.pcall('XGROUP', 'CREATE', KEYS[2], '${GROUP}', '0', 'MKSTREAM')`;

/**
 * Appends events to a partition stream, atomically with dedup. KEYS: stream, then one dedup key per event (when
 * dedup is on). ARGV: dedup TTL ms (0 = off), the stream's length cap (0 = none), then conversation and JSON of each
 * event. An event whose dedup key exists is skipped; an appended one marks its key after the XADD, so a failed
 * append never leaves a key marked. Replies the number of entries appended, or -1 (nothing appended) when the
 * batch would take the stream past its cap: the receiver refuses rather than trimming unhandled events.
 */
export const APPEND = new LuaScript(`
local stream = KEYS[1]
local ttl = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
if redis.call('EXISTS', stream) == 0 then
  redis.pcall('XGROUP', 'CREATE', stream, '${GROUP}', '0', 'MKSTREAM')
end
local count = (#ARGV - 2) / 2
if cap > 0 and redis.call('XLEN', stream) + count > cap then return -1 end
local added = 0
for i = 1, count do
  local dk = KEYS[i + 1]
  if ttl == 0 or redis.call('EXISTS', dk) == 0 then
    redis.call('XADD', stream, '*', 'c', ARGV[2 * i + 1], 'e', ARGV[2 * i + 2])
    if ttl > 0 then redis.call('SET', dk, '1', 'PX', ttl) end
    added = added + 1
  end
end
return added
`);

/** Takes a free lease. KEYS: lease, stream. ARGV: token, TTL ms. Replies 1 when taken, 0 when another holds it. */
export const ACQUIRE = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  ${CREATE_GROUP}
  return 1
end
return 0
`);

/** Extends a lease this token holds. KEYS: lease. ARGV: token, TTL ms. Replies 1, or 0 when the lease is not ours. */
export const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`);

/** Frees a lease this token holds. KEYS: lease. ARGV: token. Replies 1, or 0 when it was not ours. */
export const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`);

/**
 * Takes over a partition's pending entries (of a dead or departed owner) with XAUTOCLAIM, in entry id order, one
 * page per call. KEYS: lease, stream. ARGV: token, consumer, cursor, page size. Replies nil when the lease is not
 * ours, else XAUTOCLAIM's reply (next cursor, entries, ids of entries deleted while pending). On the last page it
 * deletes the other consumers, which hold no pending entry any more.
 */
export const CLAIM = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
${CREATE_GROUP}
local reply = redis.call('XAUTOCLAIM', KEYS[2], '${GROUP}', ARGV[2], 0, ARGV[3], 'COUNT', ARGV[4])
if reply[1] == '0-0' then
  for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[2], '${GROUP}')) do
    local name, pending
    for i = 1, #consumer, 2 do
      if consumer[i] == 'name' then name = consumer[i + 1] elseif consumer[i] == 'pending' then pending = consumer[i + 1] end
    end
    if name ~= ARGV[2] and pending == 0 then redis.call('XGROUP', 'DELCONSUMER', KEYS[2], '${GROUP}', name) end
  end
end
return reply
`);

/**
 * Reads new entries for the lease owner. KEYS: lease, stream. ARGV: token, consumer, count. Replies nil when the
 * lease is not ours; {1, entries} when there were new entries; {0, id} when there were none, where id is the newest
 * entry's id (or 0-0) to wait after with a blocking XREAD, which has no side effect.
 */
export const READ = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
local reply = redis.call('XREADGROUP', 'GROUP', '${GROUP}', ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[2], '>')
if reply then return {1, reply[1][2]} end
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last > 0 then return {0, last[1][1]} end
return {0, '0-0'}
`);

/** Acknowledges entries for the lease owner. KEYS: lease, stream. ARGV: token, ids. Replies -1 when not ours. */
export const ACK = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
return redis.call('XACK', KEYS[2], '${GROUP}', unpack(ARGV, 2))
`);

/**
 * Trims acknowledged entries: everything below the oldest pending entry, or when none is pending, everything up to
 * the group's last delivered entry. Never an unacknowledged one. KEYS: lease, stream. ARGV: token. Replies the
 * number of entries removed, or -1 when the lease is not ours. Trims with \`~\` (whole radix-tree nodes), so up to a
 * node's worth (100 entries by default) of acknowledged entries may stay.
 */
export const TRIM = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local pending = redis.call('XPENDING', KEYS[2], '${GROUP}')
local minid
if pending[1] > 0 then
  minid = pending[2]
else
  local last
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[2])) do
    local name, id
    for i = 1, #group, 2 do
      if group[i] == 'name' then name = group[i + 1] elseif group[i] == 'last-delivered-id' then id = group[i + 1] end
    end
    if name == '${GROUP}' then last = id end
  end
  if not last then return 0 end
  local ms, seq = string.match(last, '^(%d+)-(%d+)$')
  if not ms then return 0 end
  minid = ms .. '-' .. string.format('%.0f', tonumber(seq) + 1)
end
return redis.call('XTRIM', KEYS[2], 'MINID', '~', minid)
`);

/**
 * Marks a worker alive and lists the live ones. KEYS: workers set. ARGV: worker id, TTL ms. Scores are expiry
 * times on the server's clock (TIME), so workers' clocks do not matter. Replies the live worker ids.
 */
export const HEARTBEAT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return redis.call('ZRANGE', KEYS[1], 0, -1)
`);
