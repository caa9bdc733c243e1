-- Shared head of every session script (SessionScripts prepends it).
-- Every session script takes the same first keys and arguments:
--   KEYS[1] the shard's online index, KEYS[2] its expiry index, KEYS[3] its part of the
--   event stream, KEYS[4] the user's set of sessions (sorted by creation order); further
--   keys are the script's own.
--   ARGV[1] the hash tag of the user's shard, ARGV[2] name key, ARGV[3] now (ms), ARGV[4]
--   how many events the shard's stream keeps at most, ARGV[5] how long it keeps them (ms);
--   further arguments are the script's own.
-- Every key carries the shard's hash tag (SessionKeys), so a script touches one Redis
-- Cluster slot and writes the change, the indexes and the change's event at once: no
-- change is lost or doubled. A session hash (name key, display name, endpoint, times) is
-- keyed by its token's digest under the tag, as is the shard's set of sessions on an
-- endpoint: those keys are built here from the tag (same slot as the declared keys).
-- A script that changes sessions returns {its result, EMITTED}: the follower counts the
-- events written from EMITTED, so each event is counted once, by the follower whose
-- script wrote it.
local TAG = ARGV[1]
local NAME_KEY = ARGV[2]
local NOW = tonumber(ARGV[3])

local function session_key(digest)
  return 'uc:session:{' .. TAG .. '}:' .. digest
end

local function endpoint_key(endpoint)
  return 'uc:endpoint:{' .. TAG .. '}:' .. endpoint
end

-- a session's member in the online, expiry and endpoint indexes
local function member(digest)
  return NAME_KEY .. '\0' .. digest
end

-- the events this script wrote, 'type/reason' each
local EMITTED = {}

local function emit(kind, name, endpoint, reason)
  local id = redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'type', kind, 'name', name,
    'endpoint', endpoint, 'reason', reason, 'at', ARGV[3])
  -- exact: a reader resuming from a position compares it with the first entry kept; never
  -- past the entry just written (a follower's clock ahead of Redis's would empty the stream)
  local written = tonumber(string.match(id, '^(%d+)'))
  redis.call('XTRIM', KEYS[3], 'MINID', string.format('%d', math.max(0, math.min(NOW - tonumber(ARGV[5]), written))))
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
