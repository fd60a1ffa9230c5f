-- bench/serve-mix.lua: wrk script for the memory soak of bench/serve.sh: requests in turn.
--
--   wrk -s bench/serve-mix.lua [OPTIONS] URL -- TOKEN BODY_FILE REQUEST...
--
-- Each REQUEST is "POST:/path" (BODY_FILE as application/json) or "GET:/path"; every
-- connection sends them round robin, each with `Authorization: Bearer TOKEN`. The requests
-- are formatted once in init(), so request() only picks the next string. done() is the one
-- of bench/serve.lua (the same wrk-summary line).

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "serve.lua")

local reqs = {}
local n = 0

function init(args)
    local token, body_file = args[1], args[2]
    local body = serve_read_file(body_file)
    for i = 3, #args do
        local method, path = args[i]:match("^(%u+):(/.*)$")
        assert(method, "bad request spec " .. args[i] .. " (want METHOD:/path)")
        local headers = {Authorization = "Bearer " .. token}
        if method == "POST" then
            headers["Content-Type"] = "application/json"
            reqs[#reqs + 1] = wrk.format(method, path, headers, body)
        else
            reqs[#reqs + 1] = wrk.format(method, path, headers)
        end
    end
    assert(#reqs > 0, "no REQUEST given")
end

function request()
    n = n % #reqs + 1
    return reqs[n]
end
