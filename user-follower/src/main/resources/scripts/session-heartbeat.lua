-- Extend a live session to now + ttl, never past createdAt + the maximum lifetime.
-- KEYS[5] the session's hash. ARGV[6] ttl ms, ARGV[7] maximum lifetime ms, ARGV[8] how
-- long Redis keeps the hash past its expiry (ms).
-- Returns {name, endpoint, createdAt, expiresAt}, or nil when the session is not live.
local fields = redis.call('HMGET', KEYS[5], 'nameKey', 'name', 'endpoint', 'createdAt', 'expiresAt')
if fields[1] ~= NAME_KEY or tonumber(fields[5]) <= NOW then
  return nil
end
local expires_at = math.min(NOW + tonumber(ARGV[6]), tonumber(fields[4]) + tonumber(ARGV[7]))
if expires_at <= NOW then
  return nil
end
local stamp = string.format('%d', expires_at)
local keep = expires_at - NOW + tonumber(ARGV[8])
redis.call('HSET', KEYS[5], 'expiresAt', stamp)
redis.call('PEXPIRE', KEYS[5], keep)
keep_user_set(keep)
-- the key ends with the digest: 32 hex digits (SessionToken.DIGEST_BYTES)
local digest = string.sub(KEYS[5], -32)
redis.call('ZADD', KEYS[2], 'XX', stamp, member(digest))
return {fields[2], fields[3], fields[4], stamp}
