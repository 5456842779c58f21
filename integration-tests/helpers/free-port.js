const net = require("node:net")

// Linux hands out ports for listen(0) and for outgoing connections from 32768–60999
// (net.ipv4.ip_local_port_range); a port taken from that range and given back can be handed
// to another socket before the test's server binds it (a topology run failed on EADDRINUSE so).
// Ports below it are handed to nobody unasked.
const LOW = 20000
const HIGH = 32767
const handedOut = new Set()

function bindable(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", (error) =>
      resolve(error.code === "EAFNOSUPPORT" || error.code === "EADDRNOTAVAIL" ? null : false)
    )
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/**
 * A TCP port for a server a test starts later: drawn at random from 20000–32767, below the
 * kernel's ephemeral range, never one this process handed out before, and free on every
 * interface now (`medusa start` listens on all of them).
 */
async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1))
    if (handedOut.has(port)) {
      continue
    }
    // "::" is every interface (IPv4 too where the host is dual-stack); null: no IPv6 here
    const everyInterface = await bindable(port, "::")
    if (everyInterface === false) {
      continue
    }
    if (everyInterface === null && !(await bindable(port, "0.0.0.0"))) {
      continue
    }
    if (!(await bindable(port, "127.0.0.1"))) {
      continue
    }
    handedOut.add(port)
    return port
  }
  throw new Error(`no free TCP port between ${LOW} and ${HIGH} after 200 tries`)
}

module.exports = { freePort }
