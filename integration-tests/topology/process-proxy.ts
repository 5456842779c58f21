/**
 * One process's own way to the platform stand-ins: a forwarding proxy per platform that passes each
 * call on unchanged and notes it, so a test can tell which process sent what (and what was still
 * in flight when that process died). The stand-ins behind it check and answer the calls as usual.
 */
import http from "node:http"
import type { AddressInfo, Socket } from "node:net"

export interface ProxiedCall {
  /** the platform, from its env variable (`REJOINER_API_URL` → `rejoiner`) */
  platform: string
  method: string
  /** path and query as the process sent them */
  url: string
  body: string
  /** the stand-in's answer; null while the call is in flight */
  status: number | null
}

export interface ProcessProxy {
  /** the `*_API_URL` variables that route this process's calls through the proxy */
  env: Record<string, string>
  calls: ProxiedCall[]
  inFlight(): ProxiedCall[]
  stop(): Promise<void>
}

// hop-by-hop: each leg negotiates its own connection; the body is passed on whole
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "content-length"]
const withoutHopByHop = (headers: http.IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name.toLowerCase())))

/** Proxies for every `*_API_URL` in `platformEnv` (as `startPlatforms` returns it). */
export async function startProcessProxy(platformEnv: Record<string, string>): Promise<ProcessProxy> {
  const calls: ProxiedCall[] = []
  const servers: http.Server[] = []
  const sockets = new Set<Socket>()
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(platformEnv)) {
    if (!name.endsWith("_API_URL")) {
      continue
    }
    const target = new URL(value)
    const platform = name.slice(0, -"_API_URL".length).toLowerCase()
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const body = Buffer.concat(chunks)
        const call: ProxiedCall = {
          platform,
          method: req.method ?? "GET",
          url: req.url ?? "/",
          body: body.toString("utf8"),
          status: null,
        }
        calls.push(call)
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: call.method,
            path: call.url,
            headers: {
              ...withoutHopByHop(req.headers),
              "content-length": String(body.length),
              // the URL the process called, which a platform's signature covers (Recensus signs it)
              "x-forwarded-host": req.headers.host ?? "",
            },
          },
          (answer) => {
            const parts: Buffer[] = []
            answer.on("data", (chunk: Buffer) => parts.push(chunk))
            answer.on("end", () => {
              call.status = answer.statusCode ?? 0
              // the caller may be gone (killed): the platform got the call all the same
              if (!res.destroyed) {
                const payload = Buffer.concat(parts)
                res.writeHead(call.status, {
                  ...withoutHopByHop(answer.headers),
                  "content-length": String(payload.length),
                })
                res.end(payload)
              }
            })
          }
        )
        upstream.on("error", () => {
          call.status = 0
          res.destroy()
        })
        upstream.end(body)
      })
    })
    server.on("connection", (socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    env[name] = `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, "")}`
    servers.push(server)
  }
  return {
    env,
    calls,
    inFlight: () => calls.filter((call) => call.status === null),
    async stop() {
      for (const socket of sockets) {
        socket.destroy()
      }
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
    },
  }
}
