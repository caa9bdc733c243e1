-- Reserve one login attempt for a client address before its password is checked, so
-- that however many attempts run at once, no more can fail than the cap allows.
-- KEYS[1] window hash (start, count), KEYS[2] sorted set of attempts in flight (member
-- id, score: when it lapses). ARGV: now ms, cap, window ms, attempt id, attempt lapses at
-- ms, busy wait ms.
-- Returns 0 reserved, else how long to wait in ms (to the window's end, or busy wait
-- while the attempts in flight could still reach the cap).
local now = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local start = tonumber(redis.call('HGET', KEYS[1], 'start'))
local count = 0
if start and now - start < window then
  count = tonumber(redis.call('HGET', KEYS[1], 'count')) or 0
  if count >= cap then
    return start + window - now
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if count + redis.call('ZCARD', KEYS[2]) >= cap then
  return tonumber(ARGV[6])
end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]) - now + 60000)
return 0
