/**
 * The test reports inside an artifact's zip, read with yauzl: entry by entry, each inflated as a
 * stream and counted, stopped at its limit. A zip is hostile data: one whose entries escape it
 * (`..`, an absolute path), hold too many files or more than the total cap, or inflate past the
 * size they declare (a zip bomb) is refused whole. Loaded by dynamic import only when
 * `test-results-artifact` is given.
 */
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl'
import { looksLikeReport } from './index.js'

/** The most entries a zip of reports may hold. */
export const MAX_ENTRIES = 1000

export interface ZipLimits {
  /** The largest entry read (`max-file-size`); a larger one is left out, by its declared size. */
  maxEntryBytes: number
  /** The most bytes all entries may hold together, declared or inflated. */
  maxTotalBytes: number
}

export interface ZipReports {
  /** The entries whose content is a report, as text, by their path in the zip. */
  reports: { path: string; text: string }[]
  /** Entries left out for their declared size. */
  tooLarge: string[]
}

/** Why a zip is refused whole: its words name what in it was wrong. */
export class ZipRefusedError extends Error {
  override name = 'ZipRefusedError'
}

export async function reportsInZip(zip: Buffer, limits: ZipLimits): Promise<ZipReports> {
  let file: ZipFile
  try {
    // yauzl refuses names escaping the zip (`..`, absolute, backslashes) and entries that inflate
    // past their declared size; its own words say which.
    file = await fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true })
  } catch (error) {
    throw new ZipRefusedError(`not a readable zip: ${message(error)}`)
  }
  try {
    if (file.entryCount > MAX_ENTRIES) {
      throw new ZipRefusedError(`${file.entryCount} entries, more than ${MAX_ENTRIES}`)
    }
    const entries = await allEntries(file)
    let declared = 0
    for (const entry of entries) declared += entry.uncompressedSize
    if (declared > limits.maxTotalBytes) {
      throw new ZipRefusedError(
        `its entries declare ${declared} bytes, more than the limit of ${limits.maxTotalBytes}`
      )
    }
    const found: ZipReports = { reports: [], tooLarge: [] }
    const budget = { left: limits.maxTotalBytes }
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        found.tooLarge.push(entry.fileName)
        continue
      }
      const text = await readEntry(file, entry, limits.maxEntryBytes, budget)
      if (looksLikeReport(text)) found.reports.push({ path: entry.fileName, text })
    }
    return found
  } finally {
    file.close()
  }
}

function allEntries(file: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    file.on('entry', (entry: Entry) => {
      entries.push(entry)
      file.readEntry()
    })
    file.on('end', () => {
      resolve(entries)
    })
    file.on('error', (error: unknown) => {
      reject(new ZipRefusedError(message(error)))
    })
    file.readEntry()
  })
}

/**
 * One entry, inflated as a stream and counted: past its declared size (yauzl), `maxBytes` or the
 * zip's budget, the stream is stopped and the zip refused, whatever is left of it never inflated.
 */
async function readEntry(
  file: ZipFile,
  entry: Entry,
  maxBytes: number,
  budget: { left: number }
): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  const stream = await file.openReadStreamPromise(entry)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength
      budget.left -= chunk.byteLength
      if (size > maxBytes || budget.left < 0) {
        throw new ZipRefusedError(`${entry.fileName} inflates past the limit of ${maxBytes} bytes`)
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof ZipRefusedError) throw error
    throw new ZipRefusedError(`${entry.fileName}: ${message(error)}`)
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks).toString('utf8')
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
