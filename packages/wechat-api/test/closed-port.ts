// A port nothing listens on, for the tests of what a client does when no server answers. Free of side effects (no
// Jest hooks), so the repository's own tests use it too (test/fixtures/closed-port.ts); the package's tests import
// nothing from outside the package.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** A port on 127.0.0.1 that was just free: a server bound to it and closed again, so a connection is refused. */
export async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
