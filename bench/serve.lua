-- bench/serve.lua: wrk script for bench/serve.sh: one request, sent over and over.
--
--   wrk -s bench/serve.lua [OPTIONS] URL -- TOKEN BODY_FILE
--
-- TOKEN ("-" for none) goes out as `Authorization: Bearer TOKEN`. With a BODY_FILE ("-" for
-- none) the request is a POST of that file as application/json, else a GET of URL's path.
-- No request() function, so wrk formats the request once per connection and sends the same
-- bytes every time (the cheapest client); no response() function, so wrk does not hand the
-- responses to Lua. done() prints one machine-readable line that bench/serve.sh parses:
--
--   wrk-summary requests=N duration_us=N bytes=N mean_us=N p50_us=N p90_us=N p99_us=N
--               max_us=N connect=N read=N write=N status=N timeout=N
--
-- (one line; `status` counts responses with a status above 399, the others socket errors.)

local function read_file(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("*a")
    f:close()
    return s
end

-- Exposed for bench/serve-mix.lua, which loads this file for done().
serve_read_file = read_file

function init(args)
    local token, body = args[1], args[2]
    if token and token ~= "-" then
        wrk.headers["Authorization"] = "Bearer " .. token
    end
    if body and body ~= "-" then
        wrk.method = "POST"
        wrk.body = read_file(body)
        wrk.headers["Content-Type"] = "application/json"
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "wrk-summary requests=%d duration_us=%d bytes=%d mean_us=%d p50_us=%d p90_us=%d " ..
        "p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, summary.bytes, latency.mean,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        e.connect, e.read, e.write, e.status, e.timeout))
end
