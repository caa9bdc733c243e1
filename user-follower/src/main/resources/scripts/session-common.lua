-- Shared head of every session script (SessionScripts prepends it).
-- Every session script takes the same first keys and arguments:
--   KEYS[1] online index, KEYS[2] expiry index, KEYS[3] event stream, KEYS[4] the user's
--   set of sessions (sorted by creation order); further keys are the script's own.
--   ARGV[1] the user's hash tag, ARGV[2] name key, ARGV[3] now (ms), ARGV[4] how many
--   events the stream keeps at most, ARGV[5] how long it keeps them (ms); further
--   arguments are the script's own.
-- A script that changes sessions returns {its result, EMITTED}: the follower counts the
-- events written from EMITTED, so each event is counted once, by the follower whose
-- script wrote it.
-- A session hash (token digest, name key, display name, endpoint, times) is keyed by its
-- token's digest under the user's hash tag, so it shares the user's slot: its key is built
-- here from the tag. The indexes and the stream are global keys, written in the same
-- script as the change, so on one Redis no change is lost or doubled. (Redis Cluster would
-- refuse these cross-slot writes; see the README's scale-out notes.)
local TAG = ARGV[1]
local NAME_KEY = ARGV[2]
local NOW = tonumber(ARGV[3])

local function session_key(digest)
  return 'uc:session:{' .. TAG .. '}:' .. digest
end

local function endpoint_key(endpoint)
  return 'uc:endpoint:' .. endpoint
end

-- a session's member in the online, expiry and endpoint indexes
local function member(digest)
  return NAME_KEY .. '\0' .. digest
end

-- the events this script wrote, 'type/reason' each
local EMITTED = {}

local function emit(kind, name, endpoint, reason)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'type', kind, 'name', name,
    'endpoint', endpoint, 'reason', reason, 'at', ARGV[3])
  -- exact: a reader resuming from a position compares it with the first entry kept
  redis.call('XTRIM', KEYS[3], 'MINID', string.format('%d', math.max(0, NOW - tonumber(ARGV[5]))))
  EMITTED[#EMITTED + 1] = kind .. '/' .. reason
end

-- drop a session's traces from the user's set and the indexes
local function forget(digest, endpoint)
  redis.call('ZREM', KEYS[4], digest)
  redis.call('ZREM', KEYS[1], member(digest))
  redis.call('ZREM', KEYS[2], member(digest))
  if endpoint and endpoint ~= '' then
    redis.call('SREM', endpoint_key(endpoint), member(digest))
  end
  if redis.call('ZCARD', KEYS[4]) == 0 then
    redis.call('DEL', KEYS[4])
  end
end

-- end a session that exists, with its one offline event
local function end_session(digest, reason)
  local key = session_key(digest)
  local fields = redis.call('HMGET', key, 'name', 'endpoint')
  redis.call('DEL', key)
  forget(digest, fields[2])
  if fields[1] then
    emit('offline', fields[1], fields[2] or '', reason)
  end
end

-- the user's live sessions, oldest first; ends those past their expiry on the way (as
-- 'expired') and forgets those whose hash is gone
local function live_sessions()
  local live = {}
  for _, digest in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
    local expires_at = redis.call('HGET', session_key(digest), 'expiresAt')
    if not expires_at then
      forget(digest, nil)
    elseif tonumber(expires_at) <= NOW then
      end_session(digest, 'expired')
    else
      live[#live + 1] = digest
    end
  end
  return live
end

-- keep the user's set as long as its longest-lived session
local function keep_user_set(ttl)
  if redis.call('PTTL', KEYS[4]) < ttl then
    redis.call('PEXPIRE', KEYS[4], ttl)
  end
end
