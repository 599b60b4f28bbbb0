// The holder in file-lock.test.ts's withLock test, as its own process (a lock of the test's own process would count
// as live all along): it takes the lock and releases it only once another run's try has been refused, writing
// `<lock>.released` just before. A try writes the contender's record to `<lock>.<token>.tmp` and removes it once
// decided; while this process holds the lock that decision is "busy", so a contender's record gone = a refused try.
// inotify queues the events, so no try is missed however briefly its file lives.
//   tsx lock-holder.ts LOCK
import { existsSync, watch, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

import { acquireLock } from '../../../tools/lib/file-lock'

const [path] = process.argv.slice(2)
const dir = dirname(path)
const held = acquireLock(path)
const watcher = watch(dir, (_event, name) => {
  const file = name?.toString() ?? ''
  const contender =
    file.startsWith(`${basename(path)}.`) && file.endsWith('.tmp') && !file.includes(held.owner.token)
  if (!contender || existsSync(join(dir, file))) return
  watcher.close()
  writeFileSync(`${path}.released`, '')
  held.release()
})
// The test calls withLock only after this line: the watch is in place before any try.
console.log('held')
