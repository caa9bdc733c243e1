-- Start a session under the single-session rule, atomically on the user's slot.
-- KEYS[1] session hash, KEYS[2] new token key, KEYS[3] token key of the
-- session the caller saw (a placeholder when none), so every key touched is declared.
-- ARGV: policy, digest the caller saw ('' for none), new digest, name key, display name,
-- endpoint ('' for none), createdAt ms, expiresAt ms, ttl ms.
-- Returns {1} created, {0} refused (a session lives), or {-1, digest now ('' for none)}
-- when the session is not the one the caller saw: try again with that digest.
local current = redis.call('HGET', KEYS[1], 'token')
if current then
  if ARGV[1] == 'reject' then
    return {0}
  end
  if current ~= ARGV[2] then
    return {-1, current}
  end
  redis.call('DEL', KEYS[3])
elseif ARGV[2] ~= '' then
  return {-1, ''}
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'token', ARGV[3], 'name', ARGV[5], 'endpoint', ARGV[6],
  'createdAt', ARGV[7], 'expiresAt', ARGV[8])
redis.call('PEXPIRE', KEYS[1], ARGV[9])
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[9])
return {1}
