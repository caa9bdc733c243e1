-- Extend a session to now + ttl, only while the token is still the session's.
-- KEYS[1] session hash, KEYS[2] token key. ARGV: digest, expiresAt ms, ttl ms.
-- Returns {name, endpoint, createdAt, expiresAt}, or nil when the token is not live.
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  return nil
end
redis.call('HSET', KEYS[1], 'expiresAt', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return redis.call('HMGET', KEYS[1], 'name', 'endpoint', 'createdAt', 'expiresAt')
