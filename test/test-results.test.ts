import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readReport, ReportError, summarize } from '../src/test-results/index.js'
import { readJunit } from '../src/test-results/junit.js'
import { growthRatio, itGrows, MAX_TWENTYFOLD_GROWTH, WALL_CLOCK } from './support/growth.js'

const fixture = (name: string): string => readFileSync(`test/fixtures/test-results/${name}`, 'utf8')

async function summaryOf(name: string, workspace?: string) {
  return summarize([{ file: name, report: await readReport(fixture(name), workspace) }])
}

describe('the counts match what each tool printed (test/fixtures/test-results/README.md)', () => {
  it.each([
    // vitest 4.1.12: "Tests  2 failed | 3 passed | 1 skipped (6)"
    ['vitest-junit.xml', { total: 6, failed: 2, passed: 3, skipped: 1, todo: 0, flaky: 0 }],
    // @d2t/vitest-ctrf-json-reporter on the same suite: its summary, and the retried test flaky
    ['ctrf-vitest.json', { total: 6, failed: 2, passed: 3, skipped: 1, todo: 0, flaky: 1 }],
    // node:test (Node 20.20.2): "tests 6, pass 2, fail 2, skipped 1, todo 1"
    ['node-test-junit.xml', { total: 6, failed: 2, passed: 2, skipped: 1, todo: 1, flaky: 0 }],
    ['node-test.tap', { total: 6, failed: 2, passed: 2, skipped: 1, todo: 1, flaky: 0 }],
    // pytest 7.2.1: "2 failed, 2 passed, 1 skipped"
    ['pytest-junit.xml', { total: 5, failed: 2, passed: 2, skipped: 1, todo: 0, flaky: 0 }],
    // Surefire's own parser test: 2 test cases, no failure, testFlaky passed after 4 flaky attempts
    [
      'surefire-TEST-org.acme.FlakyTest.xml',
      { total: 2, failed: 0, passed: 2, skipped: 0, todo: 0, flaky: 1 }
    ],
    [
      'surefire-TEST-surefire.MyTest.xml',
      { total: 1, failed: 1, passed: 0, skipped: 0, todo: 0, flaky: 0 }
    ]
  ])('%s', async (name, counts) => {
    expect(await summaryOf(name)).toMatchObject(counts)
  })
})

describe('a failure names its suite, test, first message line and place', () => {
  it('vitest: the file and line from the stack the report quotes', async () => {
    const { failures } = await summaryOf('vitest-junit.xml')
    expect(failures[0]).toEqual({
      suite: 'suite/cart.test.js',
      name: 'cart > sums the prices',
      outcome: 'failed',
      flaky: false,
      message: 'expected 4 to be 5 // Object.is equality',
      file: 'suite/cart.test.js',
      line: 9
    })
    expect(failures[1]).toMatchObject({ message: 'boom @all', line: 19 })
  })

  it('pytest: the class, and the failing line of the test file (not the 0-based def line)', async () => {
    const { failures } = await summaryOf('pytest-junit.xml')
    expect(failures.map(f => [f.suite, f.name, f.message, f.file, f.line])).toEqual([
      ['test_cart.TestCart', 'test_sums_the_prices', 'assert (2 + 2) == 5', 'test_cart.py', 9],
      ['test_cart', 'test_boom', 'ValueError: boom @all {{ env.X }}', 'test_cart.py', 21]
    ])
  })

  it('node:test junit: the describe block is the suite', async () => {
    const { failures } = await summaryOf('node-test-junit.xml')
    expect(failures.map(f => [f.suite, f.name, f.message])).toEqual([
      ['cart', 'sums the prices', 'Expected values to be strictly equal:4 !== 5'],
      ['checkout', '@all {{ env.X }} <img src=x> ::error::x', 'boom @allsecond line']
    ])
  })

  it('node:test tap: location made relative to the workspace', async () => {
    const { failures } = await summaryOf('node-test.tap', '/tmp/trgen')
    expect(failures.map(f => [f.suite, f.name, f.message, f.file, f.line])).toEqual([
      ['cart', 'sums the prices', 'Expected values to be strictly equal:', 'node/cart.test.mjs', 8],
      ['checkout', '@all {{ env.X }} <img src=x> ::error::x', 'boom @all', 'node/cart.test.mjs', 15]
    ])
  })

  it('CTRF: the file, the line, and the flaky test apart', async () => {
    const summary = await summaryOf('ctrf-vitest.json', '/tmp/trgen')
    expect(summary.failures[0]).toMatchObject({
      name: 'cart > sums the prices',
      suite: '',
      file: 'suite/cart.test.js',
      line: 9
    })
    expect(summary.flaky_tests.map(t => t.name)).toEqual(['cart > retries the payment'])
  })

  it('Surefire: the flaky test with its first failed attempt', async () => {
    const { flaky_tests } = await summaryOf('surefire-TEST-org.acme.FlakyTest.xml')
    expect(flaky_tests).toEqual([
      expect.objectContaining({
        suite: 'org.acme.FlakyTest',
        name: 'testFlaky',
        message: 'expected: <1> but was: <0>'
      })
    ])
  })
})

describe('a report is data: what could act or blow up is refused', () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<testsuite><testcase name="&lol9;"/></testsuite>`

  it('a DOCTYPE, so an entity bomb, is refused before any entity is read', async () => {
    await expect(readReport(bomb)).rejects.toThrow(/DOCTYPE is refused/)
  })

  it('an external entity is refused the same way', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite><testcase name="&x;"/></testsuite>'
    await expect(readReport(xxe)).rejects.toBeInstanceOf(ReportError)
  })

  it("XML's own entities and character references are decoded", async () => {
    const { cases } = await readReport(
      '<testsuite><testcase name="a &lt;b&gt; &amp; &#x1F600; &#65;"/></testsuite>'
    )
    expect(cases[0]?.name).toBe('a <b> & 😀 A')
  })

  it.each([
    ['plain text', 'hello world'],
    ['HTML', '<html><body>no tests</body></html>'],
    ['JSON that is not CTRF', '{"results": {}}'],
    ['XML with no test suite', '<coverage line-rate="1"></coverage>']
  ])('%s is no report', async (_, text) => {
    await expect(readReport(text)).rejects.toBeInstanceOf(ReportError)
  })

  it('deeply nested elements stop at the parser bound', async () => {
    const deep = `${'<testsuite>'.repeat(500)}${'</testsuite>'.repeat(500)}`
    await expect(readReport(deep)).rejects.toBeInstanceOf(ReportError)
  })
})

describe('a report cut short is refused, never counted as a smaller run', () => {
  it('every cut of a report vitest wrote, wherever it falls, is refused as cut short', async () => {
    const whole = fixture('vitest-junit.xml')
    const rootStart = whole.indexOf('<testsuites')
    const refusals = new Set<string>()
    // Each cut loses more than the trailing newline: after the root's start, each says why.
    for (let cut = rootStart + 1; cut < whole.trimEnd().length; cut++) {
      const read = readReport(whole.slice(0, cut))
      await expect(read, `cut at ${cut}`).rejects.toThrow(/^cut short: it ends inside /)
      refusals.add(((await read.catch((error: unknown) => error)) as Error).message)
    }
    expect([...refusals].sort()).toEqual([
      expect.stringMatching(/^cut short: it ends inside a tag, .*none of its tests are counted$/),
      expect.stringMatching(/^cut short: it ends inside its <testsuites> element, /)
    ])
  })

  it('a cut right after a suite closes, the rest of the run lost, is refused too', async () => {
    const whole = fixture('node-test-junit.xml')
    const end = whole.indexOf('</testsuite>') + '</testsuite>'.length
    await expect(readReport(whole.slice(0, end))).rejects.toThrow(/^cut short/)
    // The whole report, its last newline dropped, is whole.
    expect((await readReport(whole.trimEnd())).cases).toHaveLength(6)
  })

  it("node:test's TAP cut at or inside any line before its closing plan is refused; after it, every test counts", async () => {
    const whole = fixture('node-test.tap')
    const plan = whole.lastIndexOf('\n1..2\n') + '\n1..2'.length
    const cuts: number[] = []
    for (let end = whole.indexOf('\n'); end >= 0; end = whole.indexOf('\n', end + 1)) {
      const start = whole.lastIndexOf('\n', end - 1) + 1
      cuts.push(Math.floor((start + end) / 2), end, end + 1)
    }
    for (const cut of cuts.filter(at => at > 'TAP version 13\n'.length && at < whole.length - 1)) {
      const read = readReport(whole.slice(0, cut))
      if (cut < plan) await expect(read, `cut at ${cut}`).rejects.toThrow(/^cut short: /)
      else expect((await read).cases, `cut at ${cut}`).toHaveLength(6)
    }
  })

  it('TAP with fewer tests than its plan announces is refused; a bail-out is read as written', async () => {
    await expect(readReport('TAP version 13\n1..3\nok 1 - a\nnot ok 2 - b\n')).rejects.toThrow(
      /^cut short: its plan is 1\.\.3 and 2 tests are written, /
    )
    const bailed = await readReport('TAP version 13\nok 1 - a\nBail out! database down\n')
    expect(bailed.cases.map(test => test.name)).toEqual(['a'])
  })
})

describe('reruns', () => {
  it('a test written again after a rerun (gotestsum --rerun-fails) is one flaky test', async () => {
    const { cases } = await readReport(`<testsuites>
  <testsuite name="pkg" tests="3" failures="1">
    <testcase classname="pkg" name="TestA" time="0.1"><failure message="Failed">x_test.go:12: boom</failure></testcase>
    <testcase classname="pkg" name="TestB" time="0.1"></testcase>
    <testcase classname="pkg" name="TestA" time="0.1"></testcase>
  </testsuite>
</testsuites>`)
    expect(cases.map(c => [c.name, c.outcome, c.flaky])).toEqual([
      ['TestA', 'passed', true],
      ['TestB', 'passed', false]
    ])
  })

  it('a Surefire rerunFailure beside a failure stays a failure', async () => {
    const { cases } = await readReport(
      '<testsuite><testcase classname="C" name="stays"><failure message="boom"/><rerunFailure message="again"/></testcase></testsuite>'
    )
    expect(cases[0]).toMatchObject({ outcome: 'failed', flaky: false, message: 'boom' })
  })
})

describe('duration', () => {
  it.each([
    // <testsuites> without a time: the suites' times summed
    ['pytest-junit.xml', 0.217],
    ['vitest-junit.xml', 0.090657731],
    // node:test's own `# duration_ms`
    ['node-test.tap', 1.906249684],
    ['surefire-TEST-org.acme.FlakyTest.xml', 1.324]
  ])('%s', async (name, seconds) => {
    expect((await summaryOf(name)).duration_seconds).toBeCloseTo(seconds, 6)
  })
})

describe('a large report', () => {
  it('10,000 cases are all counted; the summary keeps at most 1,000 failures', async () => {
    const cases = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 === 0
        ? `<testcase classname="c" name="t${i}"><failure message="m${i}">at c.test.ts:${i}</failure></testcase>`
        : `<testcase classname="c" name="t${i}"/>`
    )
    const report = await readReport(`<testsuite>${cases.join('')}</testsuite>`)
    const summary = summarize([{ file: 'big.xml', report }])
    expect(summary).toMatchObject({ total: 10_000, failed: 5_000, passed: 5_000 })
    expect(summary.failures).toHaveLength(1_000)
    expect(summary.failures.at(-1)?.name).toBe('t1998')
  })
})

describe('reading grows with the report, never faster (test/support/growth.ts)', () => {
  // Counted, any size shows the growth; timed (the nightly job), twenty times more.
  const [small, large] = WALL_CLOCK ? [2_000, 40_000] : [100, 2_000]
  const reports: [string, (n: number) => string][] = [
    [
      'test cases one after another',
      n =>
        `<testsuite>${'<testcase classname="a/c.test.ts" name="t"><failure message="m">at a/c.test.ts:3:1</failure></testcase>'.repeat(n)}</testsuite>`
    ],
    [
      'one test case holding failure after failure',
      n =>
        `<testsuite><testcase name="t">${'<failure message="m">x</failure>'.repeat(n)}</testcase></testsuite>`
    ],
    [
      "a failure's text citing its file without a line, again and again",
      n =>
        `<testsuite><testcase classname="a/c.test.ts" name="t"><failure>${' c.test.ts:x a/c.test.ts: '.repeat(n)}</failure></testcase></testsuite>`
    ]
  ]
  for (const [name, report] of reports) {
    itGrows(`${name}: twenty times the report, twenty times the work`, () => {
      const [smallReport, largeReport] = [report(small), report(large)]
      const ratio = growthRatio(
        () => readJunit(smallReport),
        () => readJunit(largeReport)
      )
      expect(ratio).toBeLessThan(MAX_TWENTYFOLD_GROWTH)
    })
  }
})
