-- The user's live sessions, newest first; reads only.
-- ARGV[6] unused. Returns {name, endpoint, createdAt, expiresAt, digest} per session, flat.
local out = {}
for _, digest in ipairs(redis.call('ZREVRANGE', KEYS[4], 0, -1)) do
  local f = redis.call('HMGET', session_key(digest), 'name', 'endpoint', 'createdAt', 'expiresAt')
  if f[4] and tonumber(f[4]) > NOW then
    out[#out + 1] = f[1]
    out[#out + 1] = f[2]
    out[#out + 1] = f[3]
    out[#out + 1] = f[4]
    out[#out + 1] = digest
  end
end
return out
