-- End one session of the user, with its offline event.
-- KEYS[5] the session's hash. ARGV[6] its digest, ARGV[7] reason, ARGV[8] 'live' to end it
-- only while it lives, 'expired' only once it has expired (the sweeper); ARGV[9] an
-- endpoint it must be on ('' for any).
-- Returns {1, EMITTED} ended, {0, EMITTED} not (another call ended it, or the condition
-- does not hold).
local digest = ARGV[6]
local fields = redis.call('HMGET', KEYS[5], 'nameKey', 'expiresAt', 'endpoint')
if fields[1] ~= NAME_KEY then
  if not fields[1] then
    forget(digest, ARGV[9])
  end
  return {0, EMITTED}
end
local expired = tonumber(fields[2]) <= NOW
if (ARGV[8] == 'expired') ~= expired then
  return {0, EMITTED}
end
if ARGV[9] ~= '' and fields[3] ~= ARGV[9] then
  return {0, EMITTED}
end
end_session(digest, ARGV[7])
return {1, EMITTED}
