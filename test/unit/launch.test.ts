import { readLaunchQuery, ScanGate, type LaunchInput } from '../../src/landing'

const Q = 'https%3A%2F%2Fshop.example.com%2Fs%2F12%2Ft%2F5'

describe('readLaunchQuery', () => {
  it.each<{ name: string; query: unknown; input: LaunchInput }>([
    { name: 'no query at all', query: undefined, input: { kind: 'none' } },
    { name: 'a null query', query: null, input: { kind: 'none' } },
    { name: 'a string query', query: `q=${Q}`, input: { kind: 'none' } },
    { name: 'an empty query (opened from the home screen)', query: {}, input: { kind: 'none' } },
    {
      name: 'a query with other keys only',
      query: { scancode_time: '1605179075', from: 'share' },
      input: { kind: 'none' },
    },
    { name: 'an undefined q', query: { q: undefined }, input: { kind: 'none' } },
    { name: 'an empty q', query: { q: '', scancode_time: '1605179075' }, input: { kind: 'none' } },
    {
      name: 'q with scancode_time (a cold-start scan)',
      query: { q: Q, scancode_time: '1605179075' },
      input: { kind: 'scan', q: Q, scancodeTime: 1605179075 },
    },
    { name: 'q without scancode_time', query: { q: Q }, input: { kind: 'scan', q: Q, scancodeTime: null } },
    {
      name: "q with Taro's extra $taroTimestamp",
      query: { q: Q, scancode_time: '0', $taroTimestamp: 1 },
      input: { kind: 'scan', q: Q, scancodeTime: 0 },
    },
    {
      name: 'a non-numeric scancode_time',
      query: { q: Q, scancode_time: 'yesterday' },
      input: { kind: 'scan', q: Q, scancodeTime: null },
    },
    {
      name: 'a negative scancode_time',
      query: { q: Q, scancode_time: '-1' },
      input: { kind: 'scan', q: Q, scancodeTime: null },
    },
    {
      name: 'a fractional scancode_time',
      query: { q: Q, scancode_time: '1605179075.5' },
      input: { kind: 'scan', q: Q, scancodeTime: null },
    },
    {
      name: 'an empty scancode_time',
      query: { q: Q, scancode_time: '' },
      input: { kind: 'scan', q: Q, scancodeTime: null },
    },
    {
      name: 'a scancode_time in milliseconds beyond 12 digits',
      query: { q: Q, scancode_time: '1605179075000' },
      input: { kind: 'scan', q: Q, scancodeTime: null },
    },
    {
      name: 'a numeric (not string) scancode_time',
      query: { q: Q, scancode_time: 1605179075 },
      input: { kind: 'scan', q: Q, scancodeTime: null },
    },
    // A hostile q is still a scan: decodeQ refuses it later with malformed-q, on the error page.
    { name: 'a non-string q', query: { q: 12 }, input: { kind: 'scan', q: 12, scancodeTime: null } },
  ])('reads $name', ({ query, input }) => {
    expect(readLaunchQuery(query)).toEqual(input)
  })
})

describe('ScanGate', () => {
  const scan = (q: unknown, scancodeTime: number | null): LaunchInput => ({ kind: 'scan', q, scancodeTime })
  const OTHER = 'https%3A%2F%2Fshop.example.com%2Fs%2F12%2Ft%2F6'

  it.each<{ name: string; seen: LaunchInput[]; next: LaunchInput; admitted: boolean }>([
    { name: 'the first scan', seen: [], next: scan(Q, 100), admitted: true },
    { name: 'the first scan without a time', seen: [], next: scan(Q, null), admitted: true },
    { name: 'no scan at all', seen: [], next: { kind: 'none' }, admitted: false },
    {
      name: 'the same q and time again (onShow after background)',
      seen: [scan(Q, 100)],
      next: scan(Q, 100),
      admitted: false,
    },
    {
      name: 'the same q at a newer time (scanned again)',
      seen: [scan(Q, 100)],
      next: scan(Q, 101),
      admitted: true,
    },
    { name: 'another q at a newer time', seen: [scan(Q, 100)], next: scan(OTHER, 101), admitted: true },
    {
      name: 'an older time, even with another q',
      seen: [scan(Q, 100)],
      next: scan(OTHER, 99),
      admitted: false,
    },
    { name: 'an older time with the same q', seen: [scan(Q, 100)], next: scan(Q, 99), admitted: false },
    { name: 'another q in the same second', seen: [scan(Q, 100)], next: scan(OTHER, 100), admitted: true },
    { name: 'the same q without any time', seen: [scan(Q, null)], next: scan(Q, null), admitted: false },
    { name: 'another q without any time', seen: [scan(Q, null)], next: scan(OTHER, null), admitted: true },
    {
      name: 'the same q, time lost on the second read',
      seen: [scan(Q, 100)],
      next: scan(Q, null),
      admitted: false,
    },
    {
      name: 'the same q, time gained on the second read',
      seen: [scan(Q, null)],
      next: scan(Q, 100),
      admitted: false,
    },
    {
      name: 'the first scan again after a newer one',
      seen: [scan(Q, 100), scan(OTHER, 101)],
      next: scan(Q, 100),
      admitted: false,
    },
    {
      name: 'a scan after a refused replay',
      seen: [scan(Q, 100), scan(Q, 100)],
      next: scan(Q, 102),
      admitted: true,
    },
  ])('admits $name: $admitted', ({ seen, next, admitted }) => {
    const gate = new ScanGate()
    for (const input of seen) gate.admit(input)
    expect(gate.admit(next)).toBe(admitted)
  })

  it('keeps its own memory per gate', () => {
    const a = new ScanGate()
    const b = new ScanGate()
    expect(a.admit(scan(Q, 100))).toBe(true)
    expect(b.admit(scan(Q, 100))).toBe(true)
  })
})
