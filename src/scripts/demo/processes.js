/**
 * Medusa CLI commands as child processes, each in its own process group: `medusa develop`
 * forks the actual server and does not stop it when it gets SIGTERM, so the demo stops a
 * command by signalling its whole group.
 */
const { spawn } = require("node:child_process")

/**
 * Spawns `medusa <args>` with the project's own CLI (what `npx medusa` resolves to); its output
 * goes to this process's unless `stdio` says otherwise (["ignore", "pipe", "pipe"] to read it).
 */
function startMedusa(cliPath, args, { cwd, env, stdio }) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd,
    env,
    // nothing reads stdin, and a background group touching the terminal would be stopped
    stdio: stdio ?? ["ignore", "inherit", "inherit"],
    detached: true,
  })
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }))
    child.on("error", (error) => resolve({ code: 1, signal: null, error }))
  })
  return { child, exited }
}

/** Runs a command to completion; rejects unless it exits with 0. */
async function runMedusa(cliPath, args, options, onStart) {
  const running = startMedusa(cliPath, args, options)
  onStart?.(running)
  const { code, signal, error } = await running.exited
  if (code !== 0) {
    throw new Error(
      `medusa ${args.join(" ")} failed (${error?.message ?? (signal ? `signal ${signal}` : `exit code ${code}`)})`
    )
  }
}

/**
 * SIGTERM to the group, then wait until every process in it is gone (the server shuts
 * down gracefully after its parent has already exited); SIGKILL what is left after `graceMs`.
 */
async function stopGroup(running, graceMs = 15_000) {
  const pgid = running.child.pid
  if (!pgid || !groupAlive(pgid)) {
    return
  }
  signalGroup(pgid, "SIGTERM")
  const deadline = Date.now() + graceMs
  while (groupAlive(pgid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  if (groupAlive(pgid)) {
    signalGroup(pgid, "SIGKILL")
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // already gone
  }
}

module.exports = { startMedusa, runMedusa, stopGroup }
