-- Reserve one login attempt for a name before its password is checked, so that however
-- many attempts run at once, no more can fail than the streak allows. Times come from
-- the application's clock (ARGV); key expiry only collects garbage.
-- KEYS[1] state hash (level, lockedUntil, last), KEYS[2] list of recent failure times,
-- KEYS[3] sorted set of attempts in flight (member id, score: when it lapses).
-- ARGV: now ms, threshold, window ms, attempt id, attempt lapses at ms, busy wait ms.
-- Returns 0 reserved, else how long to wait in ms (the lock, or busy wait while the
-- attempts in flight could still reach the threshold).
local now = tonumber(ARGV[1])
local threshold = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'level', 'lockedUntil', 'last')
local level = tonumber(state[1]) or 0
local lockedUntil = tonumber(state[2]) or 0
if lockedUntil > now then
  return lockedUntil - now
end
local failures = 0
local quietSince = math.max(lockedUntil, tonumber(state[3]) or 0)
if quietSince == 0 or now - quietSince <= window then
  if level > 0 then
    -- past a lock, the next failure locks again
    failures = threshold - 1
  else
    for _, at in ipairs(redis.call('LRANGE', KEYS[2], 0, threshold - 1)) do
      if now - tonumber(at) <= window then
        failures = failures + 1
      end
    end
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if failures + redis.call('ZCARD', KEYS[3]) >= threshold then
  return tonumber(ARGV[6])
end
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]) - now + 60000)
return 0
