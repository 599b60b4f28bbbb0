// The bench's shared printing: sizes in KB (the bench, the size budget and where-bytes print them alike) and the
// progress lines around a build.
import { timedBuild } from '../../tools/bench/build'
import { formatValue, kb } from '../../tools/bench/report'

describe('kb', () => {
  it('prints bytes as KB with one decimal, as formatValue does below a MB', () => {
    expect(kb(1536)).toBe('1.5 KB')
    expect(kb(0)).toBe('0.0 KB')
    expect(formatValue(1536, 'bytes')).toBe(kb(1536))
    expect(formatValue(3 * 1024 * 1024, 'bytes')).toBe('3.00 MB')
  })
})

describe('timedBuild', () => {
  it('says what it builds before the build, then the seconds it took, and returns the build', () => {
    const log: string[] = []
    const out = timedBuild(
      (m) => log.push(m),
      'the blank app',
      () => {
        log.push('(build runs)')
        return { dist: '/tmp/dist', ms: 12_345 }
      }
    )
    expect(out).toEqual({ dist: '/tmp/dist', ms: 12_345 })
    expect(log).toEqual(['building the blank app…', '(build runs)', '  12.3 s'])
  })
})
