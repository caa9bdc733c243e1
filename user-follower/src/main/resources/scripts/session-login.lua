-- Start a session under the user's limit, atomically on the user's slot.
-- KEYS[5] the new session's hash. ARGV[6] policy ('reject' or 'replace'), ARGV[7] most
-- sessions per user, ARGV[8] new digest, ARGV[9] display name, ARGV[10] endpoint ('' for
-- none), ARGV[11] createdAt ms, ARGV[12] expiresAt ms, ARGV[13] how long Redis keeps the
-- hash (ms: until expiry, plus the time the sweeper has to report it).
-- Returns {1, EMITTED} created, {0, EMITTED} refused (the user has as many live sessions
-- as allowed; expired ones may still have been ended).
local live = live_sessions()
local most = tonumber(ARGV[7])
if #live >= most then
  if ARGV[6] == 'reject' then
    return {0, EMITTED}
  end
  for i = 1, #live - most + 1 do
    end_session(live[i], 'replaced')
  end
end
-- creation order: now, but always after the newest session left
local score = NOW
local newest = redis.call('ZRANGE', KEYS[4], -1, -1, 'WITHSCORES')
if newest[2] and tonumber(newest[2]) >= score then
  score = tonumber(newest[2]) + 1
end
local digest = ARGV[8]
redis.call('HSET', KEYS[5], 'nameKey', NAME_KEY, 'name', ARGV[9], 'endpoint', ARGV[10],
  'createdAt', ARGV[11], 'expiresAt', ARGV[12])
redis.call('PEXPIRE', KEYS[5], ARGV[13])
redis.call('ZADD', KEYS[4], string.format('%d', score), digest)
keep_user_set(tonumber(ARGV[13]))
redis.call('ZADD', KEYS[1], 0, member(digest))
redis.call('ZADD', KEYS[2], ARGV[12], member(digest))
if ARGV[10] ~= '' then
  redis.call('SADD', endpoint_key(ARGV[10]), member(digest))
end
emit('online', ARGV[9], ARGV[10], 'login')
return {1, EMITTED}
