-- Record a failed login of a name. Times come from the application's clock (ARGV);
-- key expiry only collects garbage.
-- KEYS[1] state hash (level, lockedUntil, last), KEYS[2] list of recent failure times,
-- KEYS[3] attempts in flight, of which this failure's reservation is removed.
-- ARGV: now ms, threshold, window ms, first lock ms, max lock ms, attempt id.
-- Returns the lock end in ms, 0 when not locked.
local now = tonumber(ARGV[1])
local threshold = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local firstLock = tonumber(ARGV[4])
local maxLock = tonumber(ARGV[5])
redis.call('ZREM', KEYS[3], ARGV[6])
local state = redis.call('HMGET', KEYS[1], 'level', 'lockedUntil', 'last')
local level = tonumber(state[1]) or 0
local quietSince = math.max(tonumber(state[2]) or 0, tonumber(state[3]) or 0)
if quietSince > 0 and now - quietSince > window then
  -- a streak quiet for a whole window is forgotten
  level = 0
  redis.call('DEL', KEYS[2])
end
redis.call('LPUSH', KEYS[2], now)
redis.call('LTRIM', KEYS[2], 0, threshold - 1)
local lock = 0
if level > 0 then
  level = level + 1
elseif redis.call('LLEN', KEYS[2]) >= threshold
    and now - tonumber(redis.call('LINDEX', KEYS[2], threshold - 1)) <= window then
  level = 1
end
if level > 0 then
  lock = math.min(firstLock * 2 ^ math.min(level - 1, 40), maxLock)
end
local lockedUntil = now + lock
redis.call('HSET', KEYS[1], 'level', level, 'lockedUntil', string.format('%d', lockedUntil), 'last', now)
local keep = window + lock + 60000
redis.call('PEXPIRE', KEYS[1], string.format('%d', keep))
redis.call('PEXPIRE', KEYS[2], string.format('%d', keep))
if lock > 0 then
  return lockedUntil
end
return 0
