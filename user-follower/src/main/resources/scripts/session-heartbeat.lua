-- Extend a session to now + ttl, but never past createdAt + max lifetime, only while the
-- token is still the session's.
-- KEYS[1] session hash, KEYS[2] token key. ARGV: digest, now ms, ttl ms, max lifetime ms.
-- Returns {name, endpoint, createdAt, expiresAt}, or nil when the token is not live.
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  return nil
end
local now = tonumber(ARGV[2])
local createdAt = tonumber(redis.call('HGET', KEYS[1], 'createdAt'))
local expiresAt = math.min(now + tonumber(ARGV[3]), createdAt + tonumber(ARGV[4]))
if expiresAt <= now then
  return nil
end
local left = string.format('%d', expiresAt - now)
redis.call('HSET', KEYS[1], 'expiresAt', string.format('%d', expiresAt))
redis.call('PEXPIRE', KEYS[1], left)
redis.call('PEXPIRE', KEYS[2], left)
return redis.call('HMGET', KEYS[1], 'name', 'endpoint', 'createdAt', 'expiresAt')
