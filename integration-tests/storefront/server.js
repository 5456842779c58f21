/**
 * The test storefront's web server: bundles app.tsx (the storefront kit's React components from
 * src/storefront, React in its development build so its warnings reach the console) with esbuild,
 * and serves the page on its own origin, the way a storefront is served apart from Medusa (the
 * store's STORE_CORS and AUTH_CORS must name it).
 *   const storefront = await startStorefront({ port, backend, publishableKey }); … storefront.close()
 */
const http = require("node:http")
const fs = require("node:fs")
const path = require("node:path")
// esbuild comes with Medusa's admin bundler (vite), already a development dependency of this repository
const esbuild = require("esbuild")

/** The page's script: one ES module with React, the SDK and the kit. */
async function bundle() {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, "app.tsx")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2021",
    jsx: "automatic",
    sourcemap: "inline",
    define: { "process.env.NODE_ENV": '"development"' },
    // the kit's "use client" lines mean nothing in a bundle; anything else esbuild says fails the build
    logOverride: { "module-level-directive": "silent" },
    logLevel: "silent",
  })
  if (result.warnings.length) {
    throw new Error(`esbuild: ${result.warnings.map((warning) => warning.text).join("\n")}`)
  }
  return result.outputFiles[0].contents
}

function page({ backend, publishableKey }) {
  const html = fs.readFileSync(path.join(__dirname, "index.html"), "utf8")
  const config = JSON.stringify({ backend, publishableKey }).replace(/</g, "\\u003c")
  return html.replace("/* STOREFRONT_CONFIG */", `window.STOREFRONT = ${config}`)
}

async function startStorefront({ port, backend, publishableKey }) {
  const script = await bundle()
  const html = page({ backend, publishableKey })
  const server = http.createServer((req, res) => {
    const route = new URL(req.url, "http://localhost").pathname
    if (req.method !== "GET") {
      res.writeHead(405).end()
    } else if (route === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html)
    } else if (route === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script)
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found")
    }
  })
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", resolve)
  })
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

module.exports = { startStorefront, bundle }
