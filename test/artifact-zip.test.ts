import { describe, expect, it } from 'vitest'
import { MAX_ENTRIES, reportsInZip } from '../src/test-results/artifact-zip.js'
import { deflatedZeros, zip } from './support/zip.js'

/** src/test-results/artifact-zip.ts: the reports in an artifact's zip, and the zips refused whole. */
const LIMITS = { maxEntryBytes: 64 * 1024, maxTotalBytes: 256 * 1024 }
const JUNIT =
  '<testsuites><testsuite name="s" tests="1"><testcase name="t"/></testsuite></testsuites>'

describe('the reports in a zip', () => {
  it('are the entries whose content is a report, by their path; other files are skipped', async () => {
    const found = await reportsInZip(
      zip([
        { name: 'reports/', data: '' },
        { name: 'reports/junit.xml', data: `\uFEFF  ${JUNIT}` },
        { name: 'reports/node.tap', data: 'TAP version 13\nok 1 - t\n1..1\n' },
        { name: 'index.html.gz', data: Buffer.from([0x1f, 0x8b, 8, 0]) },
        { name: 'notes.txt', data: 'all good' }
      ]),
      LIMITS
    )

    expect(found.reports.map(report => report.path)).toEqual([
      'reports/junit.xml',
      'reports/node.tap'
    ])
    expect(found.reports[0]?.text).toContain('<testsuites>')
    expect(found.tooLarge).toEqual([])
  })

  it('leave out an entry declared larger than the entry limit, by its name', async () => {
    const found = await reportsInZip(
      zip([
        { name: 'big.xml', data: JUNIT.padEnd(LIMITS.maxEntryBytes + 1, ' ') },
        { name: 'small.xml', data: JUNIT }
      ]),
      LIMITS
    )

    expect(found.tooLarge).toEqual(['big.xml'])
    expect(found.reports.map(report => report.path)).toEqual(['small.xml'])
  })
})

describe('a zip refused whole', () => {
  it('inflating past the size it declares (a bomb), stopped at the first chunk past it', async () => {
    const bomb = zip([{ name: 'a.xml', deflated: deflatedZeros(1024), declaredSize: 100 }])

    await expect(reportsInZip(bomb, LIMITS)).rejects.toThrow(/a\.xml: too many bytes/)
  })

  it('declaring more than the total limit, before anything is inflated', async () => {
    const declared = zip([
      { name: 'a.xml', data: JUNIT, declaredSize: LIMITS.maxEntryBytes },
      { name: 'b.xml', data: JUNIT, declaredSize: LIMITS.maxTotalBytes }
    ])

    await expect(reportsInZip(declared, LIMITS)).rejects.toThrow(
      `its entries declare ${LIMITS.maxEntryBytes + LIMITS.maxTotalBytes} bytes`
    )
  })

  it.each([
    ['../escape.xml', 'invalid relative path: ../escape.xml'],
    ['reports/../../escape.xml', 'invalid relative path'],
    ['/etc/escape.xml', 'absolute path: /etc/escape.xml'],
    ['C:/escape.xml', 'absolute path'],
    ['reports\\..\\escape.xml', 'invalid relative path: reports/../escape.xml']
  ])('with an entry named %s', async (name, words) => {
    await expect(
      reportsInZip(
        zip([
          { name: 'ok.xml', data: JUNIT },
          { name, data: JUNIT }
        ]),
        LIMITS
      )
    ).rejects.toThrow(words)
  })

  it(`holding more than ${MAX_ENTRIES} entries`, async () => {
    const many = zip(
      Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ name: `r${i}.tap`, data: 'ok 1\n' }))
    )

    await expect(reportsInZip(many, LIMITS)).rejects.toThrow(
      `${MAX_ENTRIES + 1} entries, more than ${MAX_ENTRIES}`
    )
  })

  it('that is no zip', async () => {
    await expect(reportsInZip(Buffer.from(JUNIT), LIMITS)).rejects.toThrow(/^not a readable zip/)
  })
})
