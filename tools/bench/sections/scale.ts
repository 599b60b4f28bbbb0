// Tools at scale: each tool's job on WeChat-sized data, against the linear floor of that job in the same run.
import { compareTime, gc } from '../measure'
import { row, unavailable, type Row, type Section } from '../report'
import { SCALE_BENCHES } from '../scale'

const SECTION = 'Tools at scale'
// Medians of 7 interleaved runs: the floors take tens of milliseconds, where 3 runs leave a few ms of noise (10 %).
const RUNS = 7

export const scaleSection: Section = {
  id: 'tools',
  title: SECTION,
  async run(ctx) {
    const rows: Row[] = []
    for (const bench of SCALE_BENCHES) {
      // From a clean heap, as the command starts: the garbage of the sections before (the size section's builds)
      // slowed rules:check by a third against its floor.
      gc()
      const job = await bench.prepare(ctx)
      if ('unavailable' in job) {
        rows.push(unavailable(SECTION, bench.name, 'ms', job.unavailable))
        continue
      }
      ctx.log(`timing ${bench.name}…`)
      const { ms, baselineMs } = compareTime(job.run, job.floor, RUNS)
      rows.push(
        row({
          section: SECTION,
          name: bench.name,
          value: ms,
          unit: 'ms',
          baseline: { name: job.floorName, value: baselineMs, unit: 'ms' },
          good: bench.good,
          note: job.note,
        })
      )
    }
    return rows
  },
}
